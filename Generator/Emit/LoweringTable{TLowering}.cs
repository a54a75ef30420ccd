using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ModelDsl.Generator.Layers;

namespace ModelDsl.Generator.Emit
{
    /// <summary>
    /// One target's lowerings by the settings type each reads (TorchSharp, ONNX, PyTorch: one table each, so the lookup is
    /// written once); tests check that every layer kind's settings type is in every table.
    /// </summary>
    internal sealed class LoweringTable<TLowering> where TLowering : class, ILowering
    {
        private readonly string _target;
        private readonly ImmutableDictionary<Type, TLowering> _bySettings;

        public LoweringTable(string target, ImmutableArray<TLowering> all)
        {
            _target = target;
            All = all;
            _bySettings = all.ToImmutableDictionary(lowering => lowering.SettingsType);
        }

        /// <summary>Every lowering, in the order listed.</summary>
        public ImmutableArray<TLowering> All { get; }

        /// <summary>The lowering of <paramref name="settingsType"/>, or null when there is none.</summary>
        public TLowering? Find(Type settingsType) => _bySettings.TryGetValue(settingsType, out var lowering) ? lowering : null;

        /// <summary>The lowering of a checked plan (every settings type has one).</summary>
        public TLowering Of(LayerPlan plan) =>
            Find(plan.Settings.GetType()) ?? throw new KeyNotFoundException($"No {_target} lowering for " + plan.Settings.GetType().Name);

        /// <summary>The settings types that have a lowering.</summary>
        public IEnumerable<Type> SettingsTypes => All.Select(lowering => lowering.SettingsType);
    }
}
