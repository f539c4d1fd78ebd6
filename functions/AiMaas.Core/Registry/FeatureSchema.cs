using AiMaas.Core.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace AiMaas.Core.Registry;

/// <summary>Maps between a model's declared features and the ML.NET column types it is trained and served with.</summary>
public static class FeatureSchema
{
    public static IEnumerable<(string Name, DataViewType Type)> ToDataViewColumns(IEnumerable<FeatureDefinition> features) =>
        features.Select(f => (f.Name, f.Type == ColumnKind.Number ? (DataViewType)NumberDataViewType.Single : TextDataViewType.Instance));

    public static DataViewSchema ToDataViewSchema(IEnumerable<FeatureDefinition> features) =>
        TabularDataView.CreateSchema(ToDataViewColumns(features));
}
