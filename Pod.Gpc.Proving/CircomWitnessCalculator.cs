using System.Collections.Concurrent;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Pod.Cryptography;
using Pod.Cryptography.Fields;
using Pod.Serialization;
using Wasmtime;

namespace Pod.Gpc.Proving;

/// <summary>
/// Computes a circom 2 circuit's witness by running the circuit's own WebAssembly witness calculator
/// (the <c>.wasm</c> circom emits) under Wasmtime, speaking the same protocol as circom's and snarkjs's
/// <c>witness_calculator.js</c>, so the witness equals snarkjs's <c>wtns calculate</c> element for element.
/// Load once, compute many: thread-safe, each computation runs in a fresh instance of the compiled
/// circuit; compiled circuits are kept for the process (and on disk when
/// <see cref="CircomWitnessCalculatorOptions.CacheDirectory"/> is set).
/// </summary>
/// <remarks>
/// The protocol: <c>init</c>; for each input signal, the 64-bit FNV-1a hash of its name split into high
/// and low 32 bits, <c>getInputSignalSize</c> to check the value count, each value (reduced mod r, so
/// negatives wrap) written as little-endian 32-bit limbs into the shared read-write memory and passed
/// with <c>setInputSignal</c> (the circuit runs inside the last one); then <c>getWitness(i)</c> and the
/// shared memory for every element. The four <c>runtime</c> imports turn circom's error codes 1-6 and its
/// messages into a <see cref="CircomWitnessException"/>.
/// </remarks>
public sealed class CircomWitnessCalculator
{
    private const int FieldLimbs32 = 8;
    private const int FieldBytes = 32;

    // One engine for the process: compiled modules belong to an engine, and epoch interruption (for
    // cancellation) is an engine setting.
    private static readonly Engine SharedEngine = new(new Wasmtime.Config().WithEpochInterruption(true));
    private static readonly ConcurrentDictionary<string, Lazy<Module>> CompiledModules = new(StringComparer.Ordinal);

    private readonly Module _module;

    private CircomWitnessCalculator(Module module, int witnessSize, int inputCount, string sha256)
    {
        _module = module;
        WitnessSize = witnessSize;
        InputCount = inputCount;
        Sha256 = sha256;
    }

    /// <summary>The number of witness elements (the circuit's wires), element 0 being the constant 1.</summary>
    public int WitnessSize { get; }

    /// <summary>The number of input values the circuit takes (all input signals flattened).</summary>
    public int InputCount { get; }

    /// <summary>The SHA-256 of the circuit's wasm, lowercase hex.</summary>
    public string Sha256 { get; }

    /// <summary>Loads (compiles, or takes from the cache) a circuit's witness calculator from its <c>.wasm</c> file.</summary>
    /// <exception cref="ArgumentNullException">The path is null.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a circom 2 witness calculator over BN254's scalar field.</exception>
    public static CircomWitnessCalculator Load(string wasmPath, CircomWitnessCalculatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(wasmPath);
        return Load(File.ReadAllBytes(wasmPath), options);
    }

    /// <summary>Loads (compiles, or takes from the cache) a circuit's witness calculator from its wasm bytes.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a circom 2 witness calculator over BN254's scalar field.</exception>
    public static CircomWitnessCalculator Load(ReadOnlySpan<byte> wasm, CircomWitnessCalculatorOptions? options = null)
    {
        options ??= CircomWitnessCalculatorOptions.Default;
        string sha256 = Convert.ToHexStringLower(SHA256.HashData(wasm));
        if (!CompiledModules.TryGetValue(sha256, out Lazy<Module>? lazy))
        {
            // The bytes are copied only for a circuit not compiled yet (a Span cannot enter the factory).
            byte[] bytes = wasm.ToArray();
            lazy = CompiledModules.GetOrAdd(
                sha256, hash => new Lazy<Module>(() => Compile(bytes, hash, options.CacheDirectory), LazyThreadSafetyMode.ExecutionAndPublication));
        }

        Module module;
        try
        {
            module = lazy.Value;
        }
        catch
        {
            CompiledModules.TryRemove(new KeyValuePair<string, Lazy<Module>>(sha256, lazy));
            throw;
        }

        // Instantiating once checks the exports, the circom version and the prime, and reads the sizes.
        using var run = new CircuitRun(module, CancellationToken.None);
        return new CircomWitnessCalculator(module, run.WitnessSize, run.InputCount, sha256);
    }

    /// <summary>
    /// Computes the witness from input signals given as snarkjs's <c>input.json</c>: an object from signal
    /// name to a value or nested arrays of values (flattened row-major), each value a JSON integer of at
    /// most 2^53 in magnitude or a string JavaScript's BigInt reads (decimal with a sign, 0x, 0o, 0b, white
    /// space around; the empty string is 0) whose magnitude is below 2^256 (snarkjs reads longer ones and reduces them
    /// mod r; no circuit input needs them, and refusing them unread keeps reading linear in the text).
    /// </summary>
    /// <exception cref="ArgumentNullException">The text is null.</exception>
    /// <exception cref="ArgumentException">The JSON is malformed, or a signal is missing, unknown, of the wrong size or holds a value that is not an integer; the message names it.</exception>
    /// <exception cref="CircomWitnessException">The circuit refused the inputs (an assertion failed).</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public Fr[] Calculate(string inputJson, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputJson);
        return Calculate(ParseInputs(inputJson), cancellationToken);
    }

    /// <summary>Computes the witness from input signals, each a name and its values flattened row-major (negative values wrap mod r).</summary>
    /// <exception cref="ArgumentNullException">The inputs or a name or value list is null.</exception>
    /// <exception cref="ArgumentException">A signal is missing, unknown, given twice or of the wrong size; the message names it.</exception>
    /// <exception cref="CircomWitnessException">The circuit refused the inputs (an assertion failed).</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public Fr[] Calculate(IEnumerable<KeyValuePair<string, IReadOnlyList<BigInteger>>> inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        cancellationToken.ThrowIfCancellationRequested();
        using var run = new CircuitRun(_module, cancellationToken);
        return run.Calculate(inputs);
    }

    private static Module Compile(byte[] wasm, string sha256, string? cacheDirectory)
    {
        string? cachePath = cacheDirectory is null ? null : Path.Combine(cacheDirectory, $"{sha256}.wasmtime-{typeof(Engine).Assembly.GetName().Version}.cwasm");
        if (cachePath is not null && File.Exists(cachePath))
        {
            try
            {
                return Module.DeserializeFile(SharedEngine, sha256, cachePath);
            }
            catch (WasmtimeException)
            {
                // Written by another Wasmtime build or damaged: compile again and replace it.
            }
        }

        Module module;
        try
        {
            module = Module.FromBytes(SharedEngine, sha256, wasm);
        }
        catch (WasmtimeException e)
        {
            throw new InvalidDataException("The circuit file is not valid WebAssembly.", e);
        }

        if (cachePath is not null)
        {
            WriteCache(cacheDirectory!, cachePath, module.Serialize());
        }

        return module;
    }

    private static void WriteCache(string directory, string path, byte[] serialized)
    {
        if (!Directory.Exists(directory))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        // Written beside and renamed into place, so a reader never sees half a module.
        string temporary = path + "." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)) + ".tmp";
        File.WriteAllBytes(temporary, serialized);
        File.Move(temporary, path, overwrite: true);
    }

    internal static (int High, int Low) HashSignalName(string name)
    {
        // 64-bit FNV-1a over UTF-16 code units, as circom's fnvHash (charCodeAt).
        ulong hash = 0xCBF29CE484222325;
        foreach (char unit in name)
        {
            hash ^= unit;
            hash = unchecked(hash * 0x100000001B3);
        }

        return (unchecked((int)(uint)(hash >> 32)), unchecked((int)(uint)hash));
    }

    /// <summary>The reader behind <see cref="Calculate(string, CancellationToken)"/> (internal for the reader fuzz tests).</summary>
    internal static List<KeyValuePair<string, IReadOnlyList<BigInteger>>> ParseInputs(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The circuit inputs are not valid JSON: {e.Message}", "inputJson", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ArgumentException("The circuit inputs must be a JSON object from signal name to values.", "inputJson");
            }

            // JSON.parse keeps the last of duplicate members; so does this map, in first-seen order.
            var signals = new Dictionary<string, IReadOnlyList<BigInteger>>(StringComparer.Ordinal);
            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                var values = new List<BigInteger>();
                Flatten(property.Value, property.Name, values);
                signals[property.Name] = values;
            }

            return [.. signals];
        }
    }

    private static void Flatten(JsonElement element, string signal, List<BigInteger> values)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (JsonElement item in element.EnumerateArray())
                {
                    Flatten(item, signal, values);
                }

                break;
            case JsonValueKind.Number when element.TryGetInt64(out long number) && Math.Abs(number) <= (1L << 53):
                values.Add(number);
                break;
            case JsonValueKind.String when StringOrNull(element) is string text && JsBigInt.TryParse(text, out BigInteger value):
                values.Add(value);
                break;
            default:
                throw new ArgumentException(
                    $"The input signal \"{signal}\" holds a value that is not an integer (a JSON number up to 2^53, or a string BigInt reads below 2^256 in magnitude); the value is not repeated, as inputs may be secrets.",
                    "inputJson");
        }
    }

    /// <summary>The string, or null for an escaped lone surrogate ("\ud800"), which GetString refuses and no number holds.</summary>
    private static string? StringOrNull(JsonElement element)
    {
        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>One instance of the circuit in its own store, for one computation.</summary>
    private sealed class CircuitRun : IDisposable
    {
        private readonly Store _store;
        private readonly Instance _instance;
        private readonly Memory _memory;
        private readonly Func<int> _getMessageChar;
        private readonly Func<int> _getSharedRWMemoryStart;
        private readonly Action<int, int, int> _setInputSignal;
        private readonly Func<int, int, int> _getInputSignalSize;
        private readonly Action<int> _getWitness;
        private readonly Action<int> _init;
        private readonly CancellationToken _cancellationToken;
        private readonly StringBuilder _errorMessages = new();
        private CircomErrorCode? _failure;

        public CircuitRun(Module module, CancellationToken cancellationToken)
        {
            _cancellationToken = cancellationToken;
            _store = new Store(SharedEngine);
            _store.SetEpochDeadline(1);
            _store.SetEpochDeadlineCallback(_ =>
            {
                // Another computation's cancellation also advances the engine's epoch: only ours stops this one.
                _cancellationToken.ThrowIfCancellationRequested();
                return 1;
            });

            using var linker = new Linker(SharedEngine);
            linker.DefineFunction("runtime", "exceptionHandler", (int code) =>
            {
                _failure = Enum.IsDefined(typeof(CircomErrorCode), code) && code != 0 ? (CircomErrorCode)code : CircomErrorCode.Unknown;
                throw new CircomTrap();
            });
            linker.DefineFunction("runtime", "printErrorMessage", () =>
            {
                _errorMessages.Append(ReadMessage()).Append('\n');
            });

            // circom's log(): the message is consumed (so the calculator's state advances as in snarkjs) and dropped.
            linker.DefineFunction("runtime", "writeBufferMessage", () =>
            {
                ReadMessage();
            });
            linker.DefineFunction("runtime", "showSharedRWMemory", () => { });
            try
            {
                _instance = linker.Instantiate(_store, module);
            }
            catch (WasmtimeException e)
            {
                _store.Dispose();
                throw new InvalidDataException($"The circuit is not a circom 2 witness calculator: {e.Message}", e);
            }

            _memory = _instance.GetMemory("memory") ?? throw Missing("memory");
            _getMessageChar = _instance.GetFunction<int>("getMessageChar") ?? throw Missing("getMessageChar");
            _getSharedRWMemoryStart = _instance.GetFunction<int>("getSharedRWMemoryStart") ?? throw Missing("getSharedRWMemoryStart");
            _setInputSignal = _instance.GetAction<int, int, int>("setInputSignal") ?? throw Missing("setInputSignal");
            _getInputSignalSize = _instance.GetFunction<int, int, int>("getInputSignalSize") ?? throw Missing("getInputSignalSize");
            _getWitness = _instance.GetAction<int>("getWitness") ?? throw Missing("getWitness");
            _init = _instance.GetAction<int>("init") ?? throw Missing("init");
            int version = (_instance.GetFunction<int>("getVersion") ?? throw Missing("getVersion"))();
            int limbs = (_instance.GetFunction<int>("getFieldNumLen32") ?? throw Missing("getFieldNumLen32"))();
            if (version != 2 || limbs != FieldLimbs32)
            {
                throw new InvalidDataException($"The circuit is a circom {version} calculator over {limbs * 32}-bit elements; circom 2 over BN254 is supported.");
            }

            (_instance.GetAction("getRawPrime") ?? throw Missing("getRawPrime"))();
            if (new BigInteger(SharedMemory(), isUnsigned: true) != Fr.Modulus)
            {
                throw new InvalidDataException("The circuit's prime is not BN254's scalar field r.");
            }

            WitnessSize = (_instance.GetFunction<int>("getWitnessSize") ?? throw Missing("getWitnessSize"))();
            InputCount = (_instance.GetFunction<int>("getInputSize") ?? throw Missing("getInputSize"))();
        }

        public int WitnessSize { get; }

        public int InputCount { get; }

        public Fr[] Calculate(IEnumerable<KeyValuePair<string, IReadOnlyList<BigInteger>>> inputs)
        {
            Call(() => _init(0));
            int set = 0;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            Span<byte> limbs = stackalloc byte[FieldBytes];
            foreach ((string name, IReadOnlyList<BigInteger> values) in inputs)
            {
                ArgumentNullException.ThrowIfNull(name, nameof(inputs));
                ArgumentNullException.ThrowIfNull(values, nameof(inputs));
                if (!seen.Add(name))
                {
                    throw new ArgumentException($"The input signal \"{name}\" is given twice.", nameof(inputs));
                }

                (int high, int low) = HashSignalName(name);
                int size = _getInputSignalSize(high, low);
                if (size < 0)
                {
                    throw new ArgumentException($"The circuit has no input signal \"{name}\".", nameof(inputs));
                }

                if (values.Count != size)
                {
                    throw new ArgumentException(
                        $"The input signal \"{name}\" takes {size} values; {values.Count} were given.", nameof(inputs));
                }

                for (int i = 0; i < values.Count; i++)
                {
                    Fr.FromBigIntegerReduced(values[i]).WriteBytes(limbs, ByteOrder.LittleEndian);
                    limbs.CopyTo(SharedMemory());
                    int index = i;
                    Call(() => _setInputSignal(high, low, index));
                    set++;
                }
            }

            if (set < InputCount)
            {
                throw new ArgumentException($"Not all inputs have been set: {set} of the circuit's {InputCount} values were given.", nameof(inputs));
            }

            var witness = new Fr[WitnessSize];
            for (int i = 0; i < witness.Length; i++)
            {
                _getWitness(i);
                if (!Fr.TryFromCanonicalBytes(SharedMemory(), ByteOrder.LittleEndian, out witness[i]))
                {
                    throw new InvalidDataException($"The circuit returned witness element {i} not below r.");
                }
            }

            return witness;
        }

        public void Dispose() => _store.Dispose();

        private static InvalidDataException Missing(string export) =>
            new($"The circuit is not a circom 2 witness calculator: it does not export \"{export}\".");

        /// <summary>The field element buffer circom's read/writeSharedRWMemory address: 8 little-endian 32-bit limbs.</summary>
        private Span<byte> SharedMemory() => _memory.GetSpan(_getSharedRWMemoryStart(), FieldBytes);

        private string ReadMessage()
        {
            var message = new StringBuilder();
            for (int c = _getMessageChar(); c != 0; c = _getMessageChar())
            {
                message.Append((char)c);
            }

            return message.ToString();
        }

        /// <summary>Runs a call into the circuit, turning its traps into the typed errors.</summary>
        private void Call(Action call)
        {
            try
            {
                call();
            }
            catch (Exception e) when (e is WasmtimeException or CircomTrap)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                if (_failure is CircomErrorCode code)
                {
                    throw new CircomWitnessException(code, _errorMessages.ToString());
                }

                throw new CircomWitnessException(CircomErrorCode.Unknown, e.Message);
            }
        }
    }

    /// <summary>Thrown from the exception handler import to unwind the circuit; never escapes this class.</summary>
    private sealed class CircomTrap : Exception;
}
