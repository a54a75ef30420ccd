namespace ModelDsl.Checkpoints;

/// <summary>
/// A checkpoint could not be written (a full disk, a folder without write permission, a file in the way); the message
/// names the file, and earlier checkpoints are untouched. Unlike its base class it says nothing about the checkpoints
/// being read: the fault is where they are written.
/// </summary>
public sealed class CheckpointWriteException(string message, Exception inner) : CheckpointException(message, inner);
