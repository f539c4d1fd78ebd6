using System.Diagnostics;
using AiMaas.Core.Jobs;

namespace AiMaas.Benchmarks;

/// <summary>Seconds spent in each training stage, from the stages the trainer reports as it enters them.</summary>
internal sealed class StageClock : IJobProgress
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<string, double> _seconds = new(StringComparer.Ordinal);
    private string _stage = "reading";
    private double _enteredAt;

    public void Report(JobStage stage, long? rowsRead = null, double? percent = null, int? trial = null, int? trials = null) =>
        Enter(stage.ToString().ToLowerInvariant());

    public void Enter(string stage)
    {
        if (stage == _stage)
        {
            return;
        }

        Close();
        _stage = stage;
    }

    /// <summary>Ends the current stage and returns every stage's seconds, in the order they were entered.</summary>
    public IReadOnlyDictionary<string, double> Stop()
    {
        Close();
        return _seconds;
    }

    private void Close()
    {
        var now = _clock.Elapsed.TotalSeconds;
        _seconds[_stage] = Math.Round(_seconds.GetValueOrDefault(_stage) + now - _enteredAt, 2);
        _enteredAt = now;
    }
}
