using System.Net;
using System.Net.Sockets;

namespace ReflectBot.Web.Limits;

/// <summary>
/// Who a request counts against for per-address limits: the connection's remote address, IPv4 as it is and IPv6 by
/// its /64 network (one subscriber usually holds a whole /64, so counting single v6 addresses would count nothing).
/// Behind a reverse proxy, turn on forwarded headers (ASPNETCORE_FORWARDEDHEADERS_ENABLED=true) so this is the client's.
/// </summary>
public static class ClientAddress
{
    public static string KeyOf(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress;
        if (address is null)
        {
            // In-process test servers have no socket; they share one key.
            return "local";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }
}
