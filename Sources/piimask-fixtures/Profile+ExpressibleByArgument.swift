import ArgumentParser
import PIIMaskFixtures

/// Lets `--profile` take `chat`, `digits` or `pii-dense`.
extension Profile: ExpressibleByArgument {}
