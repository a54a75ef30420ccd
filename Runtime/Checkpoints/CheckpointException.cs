namespace ModelDsl.Checkpoints;

/// <summary>A checkpoint cannot be written or used; the message names the file or folder and why.</summary>
public sealed class CheckpointException(string message, Exception? inner = null) : Exception(message, inner);
