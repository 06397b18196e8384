import Testing
@testable import Desk
import InboxFormat

@Suite struct SurgeConfigTests {
    @Test func surgesAndTheFloodGuardAreSetAndTheirMistakesNamed() throws {
        let config = try Config.parse("[surges]\nthreshold = 12\nwindow = \"10m\"\n[flood_guard]\ntimes = 3\nwindow = \"1h\"\n[checks]\nflood = false\n", file: "c")
        #expect(config.surges.threshold == 12 && config.surges.window == 600_000)
        #expect(config.floodGuard == FloodGuard(times: 3, window: 3_600_000))
        #expect(config.disabledChecks == [.flood])
        #expect(try Config.parse("[surges]\nwindow = \"5m\"\n", file: "c").surges.threshold == 8, "what is not set keeps its default")
        for (text, reason) in [
            ("[surges]\nthreshold = 1\n", "c:2: surges.threshold must be a whole number of people, 2 or more"),
            ("[surges]\nwindow = \"soon\"\n", "c:2: surges.window must be a time like \"15m\" or \"1h\""),
            ("[flood_guard]\ntimes = 0\n", "c:2: flood_guard.times must be a whole number, 1 or more"),
            ("[flood_guard]\nlimit = 5\n", "c:2: unknown setting flood_guard.limit (there are times and window)"),
        ] {
            #expect(throws: LineProblemError.self) { try Config.parse(text, file: "c") }
            do { _ = try Config.parse(text, file: "c") } catch { #expect(error.problem.description == reason) }
        }
    }
}
