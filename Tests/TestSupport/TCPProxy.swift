import Foundation
import Glibc
import Synchronization

/// A loopback TCP proxy for tests: forwards to a target port, counts round trips, and can cut
/// every connection (a network failure, without restarting the server other suites share).
///
/// A round trip is counted each time the client writes after the server has replied: the first
/// client write of a connection counts too, so a request and its reply is one.
public final class TCPProxy: Sendable {
    /// The port the proxy listens on.
    public let port: Int
    private let targetPort: Int
    private let listener: Int32
    private let state = Mutex(State())

    private struct State {
        var roundTrips = 0
        var sockets: [Int32] = []
        var stopped = false
        var paused = false
    }

    /// Starts a proxy on a free loopback port in front of `targetPort`.
    public init(targetPort: Int) throws {
        self.targetPort = targetPort
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in.loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, Glibc.listen(listener, 64) == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        self.listener = listener
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// Round trips counted so far over every connection.
    public var roundTrips: Int { state.withLock { $0.roundTrips } }

    /// Closes every open connection in both directions; new connections are still accepted.
    public func cutAll() {
        // Under the lock: a pump closes its sockets under the same lock, so every number in the
        // list is still this proxy's socket, never one the process has reused for another
        // connection since (shutting that down would cut some other test's database session).
        state.withLock { state in
            for socket in state.sockets { shutdown(socket, Int32(SHUT_RDWR)) }
            state.sockets.removeAll()
        }
    }

    /// Refuses new connections (accepts and closes them at once) until ``resume()``.
    public func pause() { state.withLock { $0.paused = true } }

    /// Accepts new connections again after ``pause()``.
    public func resume() { state.withLock { $0.paused = false } }

    /// Stops accepting and cuts every connection.
    public func stop() {
        state.withLock { $0.stopped = true }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        cutAll()
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 { return }
            let (stopped, paused) = state.withLock { ($0.stopped, $0.paused) }
            if stopped {
                close(client)
                return
            }
            if paused {
                close(client)
                continue
            }
            let server = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in.loopback(port: UInt16(targetPort))
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(server, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else {
                close(client)
                close(server)
                continue
            }
            state.withLock { $0.sockets += [client, server] }
            let thread = Thread { [self] in pump(client: client, server: server) }
            thread.start()
        }
    }

    private func pump(client: Int32, server: Int32) {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var serverSpokeLast = true
        defer {
            state.withLock { state in
                state.sockets.removeAll { $0 == client || $0 == server }
                close(client)
                close(server)
            }
        }
        while true {
            var descriptors = [pollfd(fd: client, events: Int16(POLLIN), revents: 0), pollfd(fd: server, events: Int16(POLLIN), revents: 0)]
            guard poll(&descriptors, 2, -1) > 0 else { return }
            for (index, descriptor) in descriptors.enumerated() where descriptor.revents != 0 {
                let from = index == 0 ? client : server
                let to = index == 0 ? server : client
                let count = read(from, &buffer, buffer.count)
                guard count > 0 else { return }
                if index == 0 && serverSpokeLast {
                    state.withLock { $0.roundTrips += 1 }
                }
                serverSpokeLast = index == 1
                var sent = 0
                while sent < count {
                    let written = buffer.withUnsafeBytes { send(to, $0.baseAddress! + sent, count - sent, Int32(MSG_NOSIGNAL)) }
                    guard written > 0 else { return }
                    sent += written
                }
            }
        }
    }
}

extension sockaddr_in {
    static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}
