using System;

namespace ModelDsl.Generator.Emit
{
    /// <summary>What every target's lowering of a layer family shares: the settings record it reads.</summary>
    internal interface ILowering
    {
        /// <summary>The settings record this lowering reads.</summary>
        Type SettingsType { get; }
    }
}
