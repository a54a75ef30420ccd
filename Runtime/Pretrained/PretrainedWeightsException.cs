namespace ModelDsl.Pretrained;

/// <summary>
/// Pretrained weights cannot be used: the source is missing or unreadable, its <c>config.json</c> differs from the
/// encoder, or a tensor is missing, unexpected or wrongly shaped. The message names the source, the field or tensor, and
/// both values. Nothing has been copied into the encoder when it is thrown.
/// </summary>
public sealed class PretrainedWeightsException(string message, Exception? inner = null) : Exception(message, inner);
