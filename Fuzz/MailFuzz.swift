// libFuzzer entry for the Mail parser. Built by `make fuzz` together with Sources/Mail/*.swift
// into one module (SwiftPM's executable linking hides libFuzzer's main), so there is no import.

/// Feeds one input through exactly what `mailsync mail parse` runs: parse, then render the report.
@_cdecl("LLVMFuzzerTestOneInput")
public func mailFuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    _ = MailParseReport(parsing: bytes).jsonLine()
    return 0
}
