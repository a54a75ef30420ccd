namespace ModelDsl.Checkpoints;

/// <summary>A checkpoint cannot be written or used; the message names the file or folder and why.</summary>
/// <remarks>A failed write is the derived <see cref="CheckpointWriteException"/>, so callers can tell a bad checkpoint from a bad disk.</remarks>
public class CheckpointException(string message, Exception? inner = null) : Exception(message, inner);
