namespace AiMaas.Core.Training.Trainers;

/// <summary>What a trainer needs to know besides its options: how many rows it trains on, the seed, and the threads to use.</summary>
public sealed record TrainerContext(int TrainingRows, int Seed, int Threads)
{
    /// <summary>Small datasets cannot fill the tree trainers' default of 10 examples per leaf.</summary>
    public int MinimumExamplesPerLeaf => Math.Clamp(TrainingRows / 20, 1, 10);
}
