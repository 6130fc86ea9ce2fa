using System.Reflection;

namespace Practise.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>
        /// A network component, as torch.nn.Module: parameters, buffers and child modules registered under names that
        /// compose into state_dict keys ("layer3.1.conv2.weight").
        /// </summary>
        public abstract partial class Module : IDisposable
        {
            private readonly List<KeyValuePair<string, Module>> children = [];
            private readonly List<KeyValuePair<string, Parameter>> parameters_ = [];
            private readonly List<KeyValuePair<string, Tensor>> buffers = [];

            public bool training { get; private set; } = true;

            public void register_module(string name, Module module) => Set(children, name, module);

            public void register_parameter(string name, Parameter parameter) => Set(parameters_, name, parameter);

            /// <summary>Buffers (e.g. BatchNorm running statistics) are saved in state_dict but not trained.</summary>
            public void register_buffer(string name, Tensor buffer) => Set(buffers, name, buffer.DetachFromDisposeScope());

            /// <summary>Registers every Module, Parameter and (as buffer) Tensor field under its field name, in declaration order.</summary>
            protected void RegisterComponents()
            {
                var fields = GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                    .Where(field => !field.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute)))
                    .OrderBy(field => field.MetadataToken);
                foreach (var field in fields)
                {
                    switch (field.GetValue(this))
                    {
                        case Module module: register_module(field.Name, module); break;
                        case Parameter parameter: register_parameter(field.Name, parameter); break;
                        case Tensor buffer: register_buffer(field.Name, buffer); break;
                    }
                }
            }

            public IEnumerable<(string name, Module module)> named_children() => children.Select(pair => (pair.Key, pair.Value));

            public IEnumerable<Module> children_() => children.Select(pair => pair.Value);

            /// <summary>This module and every descendant, depth first, with dotted paths ("" for this one).</summary>
            public IEnumerable<(string name, Module module)> named_modules()
            {
                yield return ("", this);
                foreach (var (name, child) in children)
                    foreach (var (path, module) in child.named_modules())
                        yield return (Join(name, path), module);
            }

            public IEnumerable<(string name, Parameter parameter)> named_parameters(bool recurse = true) =>
                Walk(module => module.parameters_, recurse);

            public IEnumerable<Parameter> parameters(bool recurse = true) => named_parameters(recurse).Select(pair => pair.parameter);

            public IEnumerable<(string name, Tensor buffer)> named_buffers(bool recurse = true) => Walk(module => module.buffers, recurse);

            /// <summary>Parameters then buffers of each module, keyed by dotted path; the tensors are the module's own (not copies).</summary>
            public Dictionary<string, Tensor> state_dict()
            {
                var state = new Dictionary<string, Tensor>(StringComparer.Ordinal);
                foreach (var (name, module) in named_modules())
                {
                    foreach (var (key, parameter) in module.parameters_) state[Join(name, key)] = parameter;
                    foreach (var (key, buffer) in module.buffers) state[Join(name, key)] = buffer;
                }
                return state;
            }

            /// <summary>
            /// Copies values in by name. With strict, any missing, unexpected or mis-shaped key fails, listing them all
            /// (nothing is copied then).
            /// </summary>
            public void load_state_dict(IReadOnlyDictionary<string, Tensor> source, bool strict = true)
            {
                var target = state_dict();
                var missing = target.Keys.Where(key => !source.ContainsKey(key)).ToList();
                var unexpected = source.Keys.Where(key => !target.ContainsKey(key)).ToList();
                var misShaped = target.Where(pair => source.TryGetValue(pair.Key, out var value) && !value.shape.SequenceEqual(pair.Value.shape))
                    .Select(pair => $"{pair.Key}: model [{string.Join(", ", pair.Value.shape)}] vs weights [{string.Join(", ", source[pair.Key].shape)}]")
                    .ToList();
                if (misShaped.Count > 0 || (strict && (missing.Count > 0 || unexpected.Count > 0)))
                    throw new StateDictMismatchException(GetType().Name, missing, unexpected, misShaped);
                using (no_grad())
                {
                    foreach (var (key, tensor) in target)
                        if (source.TryGetValue(key, out var value)) tensor.copy_(value);
                }
            }

            public Module train(bool mode = true)
            {
                foreach (var (_, module) in named_modules()) module.training = mode;
                return this;
            }

            public Module eval() => train(false);

            /// <summary>Drops every parameter's gradient (PyTorch's zero_grad(set_to_none=True)).</summary>
            public void zero_grad()
            {
                foreach (var parameter in parameters()) parameter.grad = null;
            }

            /// <summary>Moves parameters and buffers in place (their identities stay, so optimizers keep working).</summary>
            public Module to(Device device)
            {
                foreach (var (_, tensor) in state_dict())
                {
                    using var moved = tensor.to(device);
                    tensor.SetData(moved);
                }
                return this;
            }

            public void Dispose()
            {
                Dispose(true);
                GC.SuppressFinalize(this);
            }

            protected virtual void Dispose(bool disposing)
            {
                if (!disposing) return;
                foreach (var (_, tensor) in state_dict()) tensor.Dispose();
            }

            private IEnumerable<(string, T)> Walk<T>(Func<Module, List<KeyValuePair<string, T>>> select, bool recurse)
            {
                foreach (var (path, module) in recurse ? named_modules() : [("", this)])
                    foreach (var (key, value) in select(module))
                        yield return (Join(path, key), value);
            }

            private static string Join(string prefix, string name) => prefix.Length == 0 ? name : name.Length == 0 ? prefix : $"{prefix}.{name}";

            private static void Set<T>(List<KeyValuePair<string, T>> list, string name, T value)
            {
                if (string.IsNullOrEmpty(name) || name.Contains('.')) throw new ArgumentException($"invalid component name '{name}'", nameof(name));
                var index = list.FindIndex(pair => pair.Key == name);
                if (index >= 0) list[index] = new(name, value);
                else list.Add(new(name, value));
            }
        }

        /// <summary>A module with a typed forward, called through call() so forward hooks run.</summary>
        public abstract class Module<TInput, TOutput> : Module
        {
            private readonly List<Func<Module, TInput, TInput>> forwardPreHooks = [];
            private readonly List<Func<Module, TInput, TOutput, TOutput>> forwardHooks = [];

            public abstract TOutput forward(TInput input);

            public TOutput call(TInput input)
            {
                var current = input;
                foreach (var hook in forwardPreHooks.ToArray())
                {
                    var next = hook(this, current);
                    // A replaced input was made by an earlier pre-hook and is consumed now; the caller's stays theirs.
                    if (!ReferenceEquals(current, input) && !ReferenceEquals(next, current)) Release(current);
                    current = next;
                }
                var output = forward(current);
                foreach (var hook in forwardHooks.ToArray()) output = hook(this, current, output);
                if (!ReferenceEquals(current, input) && !ReferenceEquals(current, output)) Release(current);
                return output;
            }

            /// <summary>
            /// Runs before every forward and may replace the input (PyTorch's forward pre-hook); forward and the forward
            /// hooks then see the replacement, which call() disposes afterwards (when disposable and not returned).
            /// Dispose the returned handle to remove the hook.
            /// </summary>
            public IDisposable register_forward_pre_hook(Func<Module, TInput, TInput> hook)
            {
                forwardPreHooks.Add(hook);
                return new HookHandle(() => forwardPreHooks.Remove(hook));
            }

            /// <summary>
            /// Runs after every forward and may replace the output (return it unchanged to only observe, e.g. to tap
            /// features). Dispose the returned handle to remove the hook.
            /// </summary>
            public IDisposable register_forward_hook(Func<Module, TInput, TOutput, TOutput> hook)
            {
                forwardHooks.Add(hook);
                return new HookHandle(() => forwardHooks.Remove(hook));
            }

            private static void Release(TInput replaced) => (replaced as IDisposable)?.Dispose();

            private sealed class HookHandle(Action remove) : IDisposable
            {
                public void Dispose() => remove();
            }
        }
    }
}
