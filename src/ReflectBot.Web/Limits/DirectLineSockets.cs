using Microsoft.Extensions.Options;
using ReflectBot.Web.DirectLine;

namespace ReflectBot.Web.Limits;

/// <summary>Why a stream was not let in.</summary>
public enum SocketRefusal
{
    None,

    /// <summary><see cref="DirectLineOptions.MaxSockets"/> are open on this instance.</summary>
    InstanceFull,

    /// <summary>The client's address holds <see cref="DirectLineOptions.MaxSocketsPerAddress"/> already.</summary>
    AddressFull,
}

/// <summary>
/// The WebSockets this instance holds, by client address and by conversation, so their number stays bounded. Sockets
/// are this process's file handles and memory, so they are counted here, per instance, whichever store holds the
/// conversations. A conversation past <see cref="DirectLineOptions.MaxSocketsPerConversation"/> loses its oldest socket.
/// </summary>
public sealed class DirectLineSockets(IOptions<DirectLineOptions> options)
{
    private readonly DirectLineOptions _options = options.Value;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _byAddress = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LinkedList<Slot>> _byConversation = new(StringComparer.Ordinal);
    private int _open;

    /// <summary>Sockets open on this instance (tests and diagnostics).</summary>
    public int Open
    {
        get
        {
            lock (_gate)
            {
                return _open;
            }
        }
    }

    /// <summary>Takes a place for a new socket, or says why there is none. Dispose the slot when the socket ends.</summary>
    public SocketRefusal TryOpen(string conversationId, string address, out Slot? slot)
    {
        slot = null;
        Slot? evicted = null;
        lock (_gate)
        {
            if (_open >= Math.Max(1, _options.MaxSockets))
            {
                return SocketRefusal.InstanceFull;
            }

            var fromAddress = _byAddress.GetValueOrDefault(address);
            if (fromAddress >= Math.Max(1, _options.MaxSocketsPerAddress))
            {
                return SocketRefusal.AddressFull;
            }

            if (!_byConversation.TryGetValue(conversationId, out var sockets))
            {
                sockets = new LinkedList<Slot>();
                _byConversation.Add(conversationId, sockets);
            }

            slot = new Slot(this, conversationId, address);
            slot.Node = sockets.AddLast(slot);
            _byAddress[address] = fromAddress + 1;
            _open++;
            var live = sockets.Count(s => !s.Replaced.IsCancellationRequested);
            if (live > Math.Max(1, _options.MaxSocketsPerConversation))
            {
                evicted = sockets.First(s => !s.Replaced.IsCancellationRequested);
            }
        }

        evicted?.Replace();
        return SocketRefusal.None;
    }

    private void Release(Slot slot)
    {
        lock (_gate)
        {
            _open--;
            if (_byAddress.TryGetValue(slot.Address, out var count))
            {
                if (count <= 1)
                {
                    _byAddress.Remove(slot.Address);
                }
                else
                {
                    _byAddress[slot.Address] = count - 1;
                }
            }

            if (_byConversation.TryGetValue(slot.ConversationId, out var sockets))
            {
                sockets.Remove(slot.Node!);
                if (sockets.Count == 0)
                {
                    _byConversation.Remove(slot.ConversationId);
                }
            }
        }
    }

    /// <summary>One open socket's place; <see cref="Replaced"/> fires when a newer socket of its conversation takes over.</summary>
    public sealed class Slot : IDisposable
    {
        private readonly DirectLineSockets _owner;
        private readonly CancellationTokenSource _replaced = new();
        private int _disposed;

        internal Slot(DirectLineSockets owner, string conversationId, string address)
        {
            _owner = owner;
            ConversationId = conversationId;
            Address = address;
        }

        public string ConversationId { get; }

        public string Address { get; }

        public CancellationToken Replaced => _replaced.Token;

        internal LinkedListNode<Slot>? Node { get; set; }

        internal void Replace()
        {
            try
            {
                _replaced.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The socket ended meanwhile.
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _owner.Release(this);
                _replaced.Dispose();
            }
        }
    }
}
