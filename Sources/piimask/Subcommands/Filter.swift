import ArgumentParser
import Foundation
import PIIMask

/// `piimask [filter]`: masks standard input to standard output.
struct Filter: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Mask standard input to standard output, line by line (the default command).")

    /// Input formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text
    }

    @OptionGroup var rules: RuleOptions

    @Option(help: ArgumentHelp("The field category whose policy applies to every line (see `piimask rules list --fields`).",
                               valueName: "id"))
    var field: String?

    @Option(help: "Input format: text (one value per line).")
    var format: Format = .text

    @Flag(help: "Print counts and throughput to standard error at the end.")
    var stats = false

    @Option(help: "Threads that mask large blocks (default: all cores). A lone line is always masked at once.")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard threads >= 1 && threads <= 256 else { throw ValidationError("--threads must be between 1 and 256") }
    }

    func run() throws {
        let masker = try rules.makeMasker()
        let policy = try FieldOption.policy(field, in: masker)
        let start = DispatchTime.now()
        let result: StreamStats
        do {
            result = try TextStreamFilter(masker: masker, policy: policy, threads: threads).run(input: 0, output: 1)
        } catch let error where error.isBrokenPipe {
            return
        } catch {
            Diagnostics.error(error.description)
            throw ExitCode(ExitStatus.usage)
        }
        if stats {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            Diagnostics.write(StatsReport(stats: result, seconds: seconds).text)
        }
    }
}
