import PIIMaskCLI

/// `piimask`: the filter and every mode but the stream worker (see `PIIMaskCLI`).
@main
enum PIIMaskEntry {
    static func main() async {
        await PIIMaskMain.main()
    }
}
