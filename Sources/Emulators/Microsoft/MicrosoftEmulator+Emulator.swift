/// Lets the Microsoft emulator sit beside the Google one in an `EmulatorServer`, so
/// `mailsync emulators`, the demo and the tests serve both from one origin.
extension MicrosoftEmulator: Emulator {
    public func handle(_ request: EmulatorRequest) async -> EmulatorReply? {
        let translated = MicrosoftEmulatorRequest(
            method: request.method, path: request.path, query: request.query,
            headers: request.headers.map { (name: $0.key, value: $0.value) }, body: request.body,
            origin: request.origin ?? "http://127.0.0.1")
        guard let answer = await respond(to: translated) else { return nil }
        return EmulatorReply(status: answer.status, headers: answer.headers, body: answer.body)
    }
}
