import ArgumentParser
import PIIMaskFixtures

/// Lets `--profile` take `chat`, `digits`, `pii-dense`, `adversarial` or `formats`.
extension Profile: ExpressibleByArgument {}
