import PIIMaskCLI

/// `piimask-stream`: the stream worker's own executable, so that `piimask` (the filter,
/// scan, serve, …) needs no NATS library. `piimask stream ARGS` runs `piimask-stream ARGS`.
@main
enum StreamWorkerEntry {
    static func main() async {
        CommandMain.prepare()
        await CommandMain.run(StreamWorkerCommand.self, arguments: Array(CommandLine.arguments.dropFirst()),
                              environmentCommand: StreamWorkerCommand.self)
    }
}
