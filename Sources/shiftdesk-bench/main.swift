import Foundation
import Desk
import InboxFormat
import InboxStore
import InboxSynth

// shiftdesk-bench: figures for the inbox core, from a release build.
//
//   swift run -c release shiftdesk-bench                 # 10k, 100k and 1M records
//   swift run -c release shiftdesk-bench --sizes 10000   # just one size
//
// Each load runs in a child process of its own, so its peak memory is its alone.
// Helper modes (used by the benchmark itself and by the tests):
//   shiftdesk-bench gen N FILE [SHAPE]          write a synthetic inbox of N records (shift or backlog)
//   shiftdesk-bench load FILE [--triage]        load once (with the default triage rules); print seconds and peak RssAnon
//   shiftdesk-bench appload FILE [--triage]     the app's load (read model and every list), without or with the rules
//   shiftdesk-bench triage FILE [--scan]        the word matcher alone over FILE's customer messages, in ns a byte
//   shiftdesk-bench ui FILE                     the app's render and per-key cost on FILE, and the / filter's search
//   shiftdesk-bench draw FILE OUT               (child of ui) the curses draw, on a pseudo-terminal
//   shiftdesk-bench language FILE               the cost of telling each message's language
//   shiftdesk-bench surges FIXTURE              surge detection: the labelled set's precision and recall, a burst's cost
//   shiftdesk-bench follow FILE N               load, then follow until N probes arrive; print latencies
//   shiftdesk-bench append FILE N PREFIX [--no-fsync] [--every-ms MS] [--rate N] [--threads K]
//                                               append N message records, one per write
//   shiftdesk-bench idle FILE                   the app (tmux) on FILE: CPU idle for a minute, then under 100 appends a second
//   shiftdesk-bench agents FILE [N] [SECONDS]   the team's load test: N scripted agents and two connectors on a copy of FILE
//   shiftdesk-bench agent STORE NAME SEED SECONDS  (child of agents) one scripted agent
//   shiftdesk-bench postgres URL FILE [SMALL]   PostgreSQL: FILE copied into the empty database URL and loaded
//                                               from it; appends; the agents' load test on SMALL in URL_agents
//   shiftdesk-bench ingest FILE [N]             `shiftdesk ingest` of N new records (and N/10 again) into a copy of FILE

let arguments = Array(CommandLine.arguments.dropFirst())

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("shiftdesk-bench: \(message)\n".utf8))
    exit(1)
}

/// Nanoseconds on the clock that every process on the machine shares.
func monotonicNanos() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

switch arguments.first {
case "gen":
    guard (3...4).contains(arguments.count), let n = Int(arguments[1]) else { fail("usage: gen N FILE [shift|backlog]") }
    guard let shape = SyntheticInbox.Shape(rawValue: arguments.count == 4 ? arguments[3] : "shift") else {
        fail("unknown shape \(arguments[3]) (shift or backlog)")
    }
    let bytes = try SyntheticInbox(shape: shape).write(records: n, to: arguments[2])
    print("wrote \(n) records, \(bytes) bytes to \(arguments[2])")
case "load":
    guard arguments.count == 2 || (arguments.count == 3 && arguments[2] == "--triage") else { fail("usage: load FILE [--triage]") }
    LoadProbe.run(path: arguments[1], triage: arguments.count == 3)
case "appload":
    guard arguments.count == 2 || (arguments.count == 3 && arguments[2] == "--triage") else { fail("usage: appload FILE [--triage]") }
    AppLoadProbe.run(path: arguments[1], triage: arguments.count == 3)
case "triage":
    guard arguments.count == 2 || (arguments.count == 3 && arguments[2] == "--scan") else { fail("usage: triage FILE [--scan]") }
    TriageProbe.run(path: arguments[1], scanOnly: arguments.count == 3)
case "follow":
    guard arguments.count == 3, let n = Int(arguments[2]) else { fail("usage: follow FILE N") }
    FollowProbe.run(path: arguments[1], expected: n)
case "language":
    guard arguments.count == 2 else { fail("usage: language FILE") }
    LanguageProbe.run(path: arguments[1])
case "surges":
    guard arguments.count == 2 else { fail("usage: surges FIXTURE (Tests/DeskTests/Fixtures/surge-labelled.jsonl)") }
    SurgeBenchmark.run(fixture: arguments[1])
case "ui":
    guard arguments.count == 2 else { fail("usage: ui FILE") }
    UIBenchmark.run(path: arguments[1])
case "draw":
    guard arguments.count == 3 else { fail("usage: draw FILE OUT") }
    DrawBenchmark.run(path: arguments[1], out: arguments[2])
case "agents":
    guard (2...4).contains(arguments.count) else { fail("usage: agents FILE [AGENTS] [SECONDS]") }
    LoadTest.run(path: arguments[1], agents: arguments.count > 2 ? Int(arguments[2]) ?? 20 : 20,
                 seconds: arguments.count > 3 ? Int(arguments[3]) ?? 60 : 60)
case "agent":
    guard arguments.count == 5, let seed = UInt64(arguments[3]), let seconds = Double(arguments[4]) else {
        fail("usage: agent STORE NAME SEED SECONDS")
    }
    AgentSimulator.run(location: arguments[1], name: arguments[2], seed: seed, seconds: seconds)
case "idle":
    guard arguments.count == 2 else { fail("usage: idle FILE") }
    IdleBenchmark.run(path: arguments[1])
case "ingest":
    guard (2...3).contains(arguments.count) else { fail("usage: ingest FILE [N]") }
    IngestBenchmark.run(path: arguments[1], records: arguments.count == 3 ? Int(arguments[2]) ?? 200_000 : 200_000)
case "postgres":
    guard (3...4).contains(arguments.count) else { fail("usage: postgres URL FILE [SMALL-FILE]") }
    PostgresBenchmark.run(url: arguments[1], path: arguments[2], small: arguments.count == 4 ? arguments[3] : nil)
case "agents-store":
    guard arguments.count == 3 else { fail("usage: agents-store FILE URL") }
    LoadTest.run(path: arguments[1], agents: 20, seconds: 60, database: arguments[2])
case "pgload":
    guard arguments.count == 2 else { fail("usage: pgload URL") }
    PostgresBenchmark.loadOnce(url: arguments[1])
case "append":
    guard arguments.count >= 4, let n = Int(arguments[2]) else { fail("usage: append FILE N PREFIX [--no-fsync] [--every-ms MS]") }
    AppendProbe.run(path: arguments[1], count: n, prefix: arguments[3], options: Array(arguments.dropFirst(4)))
default:
    Benchmark.run(arguments: arguments)
}
