import Foundation

/// Fast searches over byte slices for the parser's hot paths.
enum ByteSearch {
    /// The index of the first `byte` at or after `start`, or nil.
    static func firstIndex(of byte: UInt8, in bytes: ArraySlice<UInt8>, from start: Int) -> Int? {
        guard start < bytes.endIndex else { return nil }
        let offset = start - bytes.startIndex
        return bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress, offset >= 0, offset < buffer.count,
                let found = memchr(base + offset, Int32(byte), buffer.count - offset)
            else { return nil }
            return bytes.startIndex + (UnsafeRawPointer(found) - UnsafeRawPointer(base))
        }
    }

    /// The index just past the next LF at or after `start`, or the end of `bytes`.
    static func nextLine(_ bytes: ArraySlice<UInt8>, from start: Int) -> Int {
        guard let lf = firstIndex(of: ASCII.lf, in: bytes, from: start) else { return bytes.endIndex }
        return lf + 1
    }
}
