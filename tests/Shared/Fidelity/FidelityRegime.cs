namespace AiMaas.Tests.Fidelity;

/// <summary>The kinds of data users train on, each a dataset the differential fidelity tests train and score every model on.</summary>
public enum FidelityRegime
{
    /// <summary>Years (1950-2023) and areas (1100-5000), numbers only: the case where a probed fast path answered f(0) for every house.</summary>
    Houses,

    /// <summary>Fractions in [0, 1], amounts from 1e3 to 1e7, negatives, a text column, missing values everywhere, unseen categories at predict time.</summary>
    Mixed,
}
