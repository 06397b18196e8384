import Desk
import InboxFormat
import InboxStore

/// The queue: one row per thread that needs an answer.
enum QueuePane {
    static func draw(_ state: AppState, _ model: any ReadModel, into grid: inout Grid, frame: Frame) {
        let list = state.visibleThreads
        var heading = "\(state.view.label) · \(state.status.rawValue) · \(list.count)"
        if state.status == .open || state.status == .all { heading += state.order == .deadline ? " · by deadline" : " · longest waiting" }
        if !state.filterText.isEmpty, !state.search.isComplete { heading += " · searching" }
        if let surge = state.surgeView { heading = surgeHeading(surge, state, model) }
        grid.put(heading, x: frame.x + 1, y: frame.y, limit: frame.width - 1, style: Style(.header, bold: true, underline: true))
        let rows = frame.height - 1
        guard rows > 0 else { return }
        if list.isEmpty {
            let text = model.messageCount == 0 ? "The inbox is empty." :
                !state.filterText.isEmpty && !state.search.isComplete ? "Searching for “\(state.filterText)”…" :
                !state.filterText.isEmpty ? "No thread matches “\(state.filterText)”." :
                "No \(state.status == .all ? "" : state.status.rawValue + " ")threads here."
            grid.put(text, x: frame.x + 1, y: frame.y + 2, limit: frame.width - 2, style: .dim)
            return
        }
        let selected = state.selectedIndex ?? 0
        let context = model.queueRowContext(at: state.now)
        // Keep the selection in sight: scroll so it sits inside the window.
        let first = max(0, min(selected - rows / 2, list.count - rows))
        for (i, ref) in list[first..<min(list.count, first + rows)].enumerated() {
            let y = frame.y + 1 + i
            let isSelected = first + i == selected
            let style = isSelected ? Style(.selection, bold: state.mode != .conversation, reverse: true) : Style.normal
            grid.fill(x: frame.x, y: y, width: frame.width, height: 1, style: style)
            let triage = RowTriage(level: model.priority(of: ref).level, clock: model.clock(of: ref, at: state.now))
            let summary = state.summary(of: ref, in: model)
            QueueRow.draw(summary, unread: state.isUnread(ref, in: model), selected: isSelected ? style : nil,
                          context: context, triage: triage, presence: state.presence.isEmpty ? nil : state.presenceLabel(for: summary.id),
                          into: &grid, x: frame.x, y: y, width: frame.width)
        }
    }
}

/// The selected thread, oldest first; inbound and outbound told apart, notes set aside.
enum ConversationPane {
    static func draw(_ state: AppState, _ model: any ReadModel, into grid: inout Grid, frame: Frame) {
        guard frame.width > 4, frame.height > 1 else { return }
        guard let ref = state.selectedThread else {
            grid.put("Select a thread on the left.", x: frame.x + 1, y: frame.y + 1, style: .dim)
            return
        }
        let t = state.summary(of: ref, in: model)
        var head = "\(t.id) · \(t.visibility.name) · \(t.channel) · \(t.status.name)"
        let priority = model.priority(of: ref)
        if priority.level != .normal || priority.setBy != nil {
            head += " · " + (priority.level == .normal ? "" : QueueRow.marker(priority.level).0.trimmingCharacters(in: .whitespaces) + " ")
                + priority.level.name + (priority.setBy.map { " (set by \($0))" } ?? "")
        }
        if let clock = model.clock(of: ref, at: state.now) {
            let left = ClockText.left(until: clock.due, at: state.now)
            head += left.hasPrefix("-") ? " · overdue \(left.dropFirst())" : " · due in \(left)"
        }
        if let c = t.customer { head += " · \(c.displayName)" + (c.handle.map { $0 == c.displayName ? "" : " (\($0))" } ?? "") }
        if let a = t.assignee { head += " · ⇢ \(a)" }
        if let here = state.presenceLabel(for: t.id) { head += " · " + here }
        let focused = state.mode == .conversation
        grid.put(head.replacingNewlines, x: frame.x + 1, y: frame.y, limit: frame.width - 1,
                 style: Style(.header, bold: true, underline: focused))
        let textWidth = frame.width - 3
        let lines = model.conversationLines(of: ref, width: textWidth, at: state.now) { layout(model, ref, width: textWidth, at: state.now) }
        let rows = frame.height - 1
        let maxScroll = max(0, lines.count - rows)
        let scroll = min(state.conversationScroll, maxScroll)
        let start = max(0, lines.count - rows - scroll)
        for (i, line) in lines[start..<min(lines.count, start + rows)].enumerated() {
            grid.put(line.text, x: frame.x + 1, y: frame.y + 1 + i, limit: frame.width - 1, style: line.style)
        }
        if start > 0 {
            // On the header row, so it never covers the text it tells about.
            let more = " ↑\(start) "
            grid.put(more, x: frame.x + frame.width - DisplayWidth.of(more), y: frame.y, style: Style(.dim, reverse: true))
        }
    }

    /// The thread as wrapped, styled lines: messages and notes in file order.
    static func layout(_ model: any ReadModel, _ ref: ThreadRef, width: Int, at now: Timestamp) -> [StyledLine] {
        var lines: [StyledLine] = []
        for entry in model.timeline(of: ref) {
            switch entry {
            case .message(let m):
                var head: String
                let style: Style
                if m.direction == .inbound {
                    head = "← \(m.author.displayName.replacingNewlines) · \(m.at.short)"
                    style = Style(.inbound, bold: true)
                } else {
                    head = "→ \(m.author.displayName.replacingNewlines)"
                    if let agent = m.agent { head += " · \(agent.replacingNewlines)" }
                    head += " · \(m.at.short) · "
                    if m.delivery == .failed {
                        head += "FAILED: \(m.deliveryError?.replacingNewlines ?? "")"
                        style = Style(.error, bold: true)
                    } else if m.deliveryReport?.isStaleClaim(at: now) == true {
                        // Its deliverer took it and never said: it may have gone out or not.
                        head += "unknown — check the channel"
                        style = Style(.warning, bold: true)
                    } else {
                        head += m.delivery.name
                        style = Style(.outbound, bold: true)
                    }
                }
                lines.append(StyledLine(text: head, style: style))
                if let subject = m.subject { lines.append(StyledLine(text: "  Subject: " + subject.replacingNewlines, style: Style(.normal, bold: true))) }
                let indent = m.direction == .inbound ? "  " : "    "
                for row in Wrap.lines(TextSafety.multiLine(m.text), width: width - indent.count) {
                    lines.append(StyledLine(text: indent + row, style: m.direction == .inbound ? .normal : Style(.outbound)))
                }
            case .note(let n):
                lines.append(StyledLine(text: "✎ note · \(n.agent.replacingNewlines) · \(n.at.short)", style: Style(.note, bold: true)))
                for row in Wrap.lines(TextSafety.multiLine(n.text), width: width - 4) {
                    lines.append(StyledLine(text: "  ┆ " + row, style: Style(.note)))
                }
            }
            lines.append(StyledLine(text: "", style: .normal))
        }
        return lines
    }
}

/// The same person's other threads, public and private, with their status.
enum ContextPane {
    static func draw(_ state: AppState, _ model: any ReadModel, into grid: inout Grid, frame: Frame) {
        guard frame.height > 0, frame.width > 2, let ref = state.selectedThread else { return }
        grid.put(String(repeating: "─", count: frame.width), x: frame.x, y: frame.y, style: .dim)
        let customer = state.summary(of: ref, in: model).customer
        let replies = state.publicRepliesToday(in: ref, model)
        let today = replies == 0 ? "" : " · \(replies) public repl\(replies == 1 ? "y" : "ies") to them here today"
        grid.put(" Same customer" + (customer.map { ": " + $0.displayName.replacingNewlines } ?? "") + today + " ",
                 x: frame.x + 1, y: frame.y, limit: frame.width - 2, style: Style(.header, bold: true))
        // Only as many as fit: a customer with thousands of threads costs a frame no more.
        let others = model.customerThreads(of: ref, limit: frame.height).filter { $0 != ref }.prefix(frame.height - 1)
        if others.isEmpty {
            grid.put("No other threads.", x: frame.x + 1, y: frame.y + 1, style: .dim)
            return
        }
        for (i, other) in others.enumerated() {
            let t = state.summary(of: other, in: model)
            let excerpt = TextSafety.singleLine(t.lastInboundText ?? "", maxScalars: frame.width * 2)
            let text = "\(t.visibility == .public ? "pub" : "dm ") \(t.channel) \(t.id) · \(t.status.name) · \(t.lastActivity.age(at: state.now)) · \(excerpt)"
            grid.put(text.replacingNewlines, x: frame.x + 1, y: frame.y + 1 + i, limit: frame.width - 1)
        }
    }
}

/// Word wrapping by display width: breaks at spaces, keeps newlines, splits words too long for a line.
enum Wrap {
    static func lines(_ text: String, width: Int) -> [String] {
        let width = max(1, width)
        var out: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
                var word = String(word)
                var w = DisplayWidth.of(word)
                let gap = line.isEmpty ? 0 : 1
                if lineWidth + gap + w <= width {
                    line += (gap == 1 ? " " : "") + word
                    lineWidth += gap + w
                    continue
                }
                if !line.isEmpty { out.append(line) }
                line = ""
                lineWidth = 0
                if w > width {
                    // A word longer than the line is cut where it fills the line: in one pass
                    // over it, so that a megabyte without a space costs no more than words.
                    var head = ""
                    var headWidth = 0
                    for c in word {
                        let cw = c.unicodeScalars.reduce(0) { $0 + DisplayWidth.of($1) }
                        if headWidth + cw > width && !head.isEmpty {
                            out.append(head)
                            head = ""
                            headWidth = 0
                        }
                        head.append(c)
                        headWidth += cw
                    }
                    word = head
                    w = headWidth
                }
                line = word
                lineWidth = w
            }
            out.append(line)
        }
        return out
    }
}
