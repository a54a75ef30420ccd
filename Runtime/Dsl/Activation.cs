namespace ModelDsl;

/// <summary>Activation functions a layer can apply (PyTorch semantics).</summary>
public enum Activation
{
    /// <summary>No activation (identity).</summary>
    None,
    /// <summary>Identity; the Keras name for no activation.</summary>
    Linear,
    /// <summary>max(0, x).</summary>
    ReLU,
    /// <summary>Gaussian error linear unit.</summary>
    GELU,
    /// <summary>Hyperbolic tangent.</summary>
    Tanh,
    /// <summary>Logistic sigmoid. As the final activation of one unit it is applied at prediction only (training uses logits).</summary>
    Sigmoid,
    /// <summary>Softmax over classes. As the final activation it is applied at prediction only (training uses logits).</summary>
    Softmax,
    /// <summary>Leaky ReLU with slope 0.01.</summary>
    LeakyReLU,
    /// <summary>Exponential linear unit (alpha 1).</summary>
    ELU,
    /// <summary>Sigmoid-weighted linear unit (swish).</summary>
    SiLU,
}
