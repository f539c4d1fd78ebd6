using System.Runtime.ExceptionServices;
using AiMaas.Core.Registry;
using Microsoft.ML.OnnxRuntime;

namespace AiMaas.Core.Serving.Onnx;

/// <summary>
/// One batch of a row-independent graph run as several <c>Run</c>s over consecutive row ranges at once, one per core.
/// The chunks read slices of the input arrays and write into slices of one pooled buffer per output (ONNX Runtime's
/// pre-allocated outputs; it checks each chunk's output shape against its slice), so no row is copied and the answer is
/// the rows of one <c>Run</c> in order.
/// </summary>
internal static class OnnxChunkedRun
{
    public static OnnxRun Execute(InferenceSession session, IReadOnlyList<OnnxTensor> inputs, IReadOnlyList<string> outputs, OnnxDescription description, int chunks, Action release)
    {
        var rows = inputs[0].Shape[0];
        var buffers = new Buffers(outputs.Count);
        try
        {
            for (var i = 0; i < outputs.Count; i++)
            {
                var info = description.Outputs.First(o => o.Name == outputs[i]);
                long[] shape = [rows, .. info.Shape.Skip(1)];
                var length = checked((int)shape.Aggregate(1L, (a, d) => a * d));
                buffers.Tensors[i] = OnnxTensor.Rent(info.Name, info.Datatype, shape, length);
            }

            var size = (rows + chunks - 1) / chunks;
            var names = inputs.Select(i => i.Name).ToArray();
            try
            {
                Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = chunks }, chunk =>
                    RunChunk(session, names, inputs, outputs, buffers.Tensors, chunk * size, Math.Min(rows, (chunk + 1) * size)));
            }
            catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
            {
                // The caller handles ONNX Runtime's own failures as for one Run.
                ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
            }

            for (var i = 0; i < outputs.Count; i++)
            {
                buffers.Values[i] = buffers.Tensors[i].ToOrtValue();
            }

            return new OnnxRun(outputs, buffers.Values, buffers, release);
        }
        catch
        {
            buffers.Dispose();
            throw;
        }
    }

    private static void RunChunk(InferenceSession session, string[] names, IReadOnlyList<OnnxTensor> inputs, IReadOnlyList<string> outputs, OnnxTensor[] buffers, long from, long to)
    {
        if (from >= to)
        {
            return;
        }

        var inputValues = new OrtValue[inputs.Count];
        var outputValues = new OrtValue[buffers.Length];
        try
        {
            for (var i = 0; i < inputs.Count; i++)
            {
                inputValues[i] = inputs[i].ToOrtValue(from, to);
            }

            for (var i = 0; i < buffers.Length; i++)
            {
                outputValues[i] = buffers[i].ToOrtValue(from, to);
            }

            using var runOptions = new RunOptions();
            session.Run(runOptions, names, inputValues, outputs, outputValues);
        }
        finally
        {
            foreach (var value in inputValues.Concat(outputValues))
            {
                value?.Dispose();
            }
        }
    }

    /// <summary>The pooled output buffers and the values over them, released together when the response is written.</summary>
    private sealed class Buffers(int count) : IDisposable
    {
        public OnnxTensor[] Tensors { get; } = new OnnxTensor[count];

        public OrtValue[] Values { get; } = new OrtValue[count];

        public void Dispose()
        {
            foreach (var value in Values)
            {
                value?.Dispose();
            }

            foreach (var tensor in Tensors)
            {
                tensor?.Dispose();
            }
        }
    }
}
