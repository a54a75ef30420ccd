namespace ModelDsl.Checkpoints;

/// <summary>When to save and what to keep.</summary>
/// <param name="EveryEpochs">Save after every N-th epoch (and always after the last one a callback sees).</param>
/// <param name="KeepLast">Keep the newest K checkpoints (the best one is kept in addition).</param>
/// <param name="Monitor">The value that ranks checkpoints for <c>best</c> (e.g. <c>val_loss</c>); null: no best tracking.</param>
public sealed record CheckpointPolicy(int EveryEpochs = 1, int KeepLast = 3, string? Monitor = "val_loss");
