namespace AiMaas.Core.Training;

/// <summary>The trainers a request can name; <see cref="Trainers.TrainerCatalog"/> says which tasks each trains and which options it takes.</summary>
public enum TrainerKind
{
    /// <summary>SDCA linear models: fast to train and to score, the default.</summary>
    Linear,

    /// <summary>L-BFGS logistic regression, maximum entropy and Poisson regression.</summary>
    Lbfgs,

    /// <summary>Online gradient descent (regression) and stochastic gradient descent (binary).</summary>
    GradientDescent,

    /// <summary>Linear support vector machines (binary; one-versus-all for multiclass).</summary>
    Svm,

    /// <summary>Gradient-boosted trees, for non-linear relationships.</summary>
    FastTree,

    /// <summary>Random forests.</summary>
    FastForest,

    /// <summary>LightGBM gradient-boosted trees.</summary>
    LightGbm,
}
