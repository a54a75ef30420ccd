namespace ModelDsl.Onnx;

/// <summary>The <c>metadata_props</c> keys an exported model carries, so a service can check what it loaded.</summary>
public static class OnnxMetadata
{
    /// <summary>The model's full class name (<c>ModelDsl.Models.Declarations.CreditMlp</c>).</summary>
    public const string Model = "modeldsl.model";

    /// <summary>The spec hash of the architecture (the module's <c>SpecHash</c>), which checkpoints record too.</summary>
    public const string SpecHash = "modeldsl.spec_hash";

    /// <summary>The softmax or sigmoid prediction applies to the exported logits, or "" when the output is final.</summary>
    public const string FinalActivation = "modeldsl.final_activation";

    /// <summary>The record class whose raw columns are the inputs (featurizer exports only).</summary>
    public const string Record = "modeldsl.record";

    /// <summary>Prefix of one key per enum column (<c>modeldsl.members.Purpose</c>): its members, comma-separated, in index order.</summary>
    public const string MembersPrefix = "modeldsl.members.";

    /// <summary>
    /// Prefix of one key per checkpoint file that prediction needs besides the graph (<c>modeldsl.file.price-scaling.json</c>,
    /// price-lstm's fitted standardisation of its daily features): the file's UTF-8 text, so the exported file alone serves.
    /// </summary>
    public const string FilePrefix = "modeldsl.file.";
}
