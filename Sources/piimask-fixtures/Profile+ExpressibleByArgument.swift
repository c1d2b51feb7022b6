import ArgumentParser
import PIIMaskFixtures

/// Lets `--profile` take `chat`, `digits`, `pii-dense` or `adversarial`.
extension Profile: ExpressibleByArgument {}
