import RegistreDiscovery

/// libFuzzer's entry point (`swift build -Xswiftc -sanitize=fuzzer -Xswiftc -DFUZZING`): every
/// input must keep the detectors' promises, or the process stops and libFuzzer keeps the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDetectors(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    DetectorInvariants.check(UnsafeBufferPointer(start: data, count: size))
    return 0
}

/// What any input, valid UTF-8 or not, must give.
enum DetectorInvariants {
    static func check(_ bytes: UnsafeBufferPointer<UInt8>) {
        let scanner = PersonalDataScanner(minimumConfidence: 0)
        let findings = scanner.scan(bytes)
        var previousEnd = 0
        for finding in findings {
            // In order, inside the input, never overlapping, never longer than a stream keeps.
            precondition(finding.offset >= previousEnd, "findings overlap or are out of order: \(findings)")
            precondition(finding.length > 0 && finding.end <= bytes.count, "a finding outside the input: \(finding)")
            precondition(finding.length <= PersonalDataScanner.longestFinding, "a finding longer than a stream keeps: \(finding)")
            precondition((0...1).contains(finding.confidence))
            previousEnd = finding.end
        }
        // A stream in the smallest chunks finds the same, and a redacted copy keeps every byte
        // outside the findings.
        var streamed: [DiscoveryFinding] = []
        var redacted: [UInt8] = []
        var redactor = Redactor(replacement: .tag) { redacted += $0 }
        var position = 0
        try! StreamingScanner(scanner: scanner, chunkSize: 1).scan(read: { buffer in
            let count = min(buffer.count, bytes.count - position, 1000)
            for index in 0..<count { buffer[index] = bytes[position + index] }
            position += count
            return count
        }) { window in
            streamed += window.findings
            try redactor.consume(window)
        }
        precondition(streamed == findings, "a stream found \(streamed), the whole input \(findings)")
        var expected: [UInt8] = [], written = 0
        for finding in findings {
            expected += bytes[written..<finding.offset]
            expected += Array("[\(finding.type.rawValue.uppercased())]".utf8)
            written = finding.end
        }
        expected += bytes[written...]
        precondition(redacted == expected, "the redacted copy differs outside the findings")
    }
}

#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzer(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// The program's entry point under SwiftPM, which links an executable's `main` to this name:
/// hands over to libFuzzer's driver.
@_cdecl("registre_fuzz_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzer(&count, &arguments) { data, size in fuzzDetectors(data, size) }
}
#else
/// Without libFuzzer: checks the files given (a crash libFuzzer kept, the corpus in
/// Tests/Fixtures/fuzz), so a failing input can be replayed in a debugger.
@main
struct ReplayFuzzInputs {
    static func main() throws {
        for path in CommandLine.arguments.dropFirst() {
            guard let file = fopen(path, "rb") else { fatalError("cannot open \(path)") }
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while true {
                let read = fread(&chunk, 1, chunk.count, file)
                if read == 0 { break }
                bytes += chunk[0..<read]
            }
            fclose(file)
            bytes.withUnsafeBufferPointer { DetectorInvariants.check($0) }
            print("ok \(path) (\(bytes.count) bytes)")
        }
    }
}
#endif

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
