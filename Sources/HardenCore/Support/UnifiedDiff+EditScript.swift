extension UnifiedDiff {
    /// The edits turning `a` into `b`, in order.
    ///
    /// Myers' algorithm over whole texts is O((N+M)·D) in time, and its trace was a copy of the whole frontier per
    /// cost, O((N+M)·D) in memory: a fixed manifest of 800 objects (12,000 lines, 17,000 lines added here and
    /// there) took 71 s and 20 GB. So the texts are first cut at the lines that occur exactly once in each (patience diff), which in a
    /// manifest are every object's name and most of its fields; Myers only runs between those anchors, where the
    /// regions are small, and gives up past `maximumCost` edits in one region, which is then written as removed and
    /// added whole: still a correct diff, only a longer one.
    static func diff(_ a: [Line], _ b: [Line]) -> [Edit] {
        var numbers: [Line: Int] = [:]
        func number(_ line: Line) -> Int {
            if let known = numbers[line] { return known }
            numbers[line] = numbers.count
            return numbers.count - 1
        }
        let script = EditScript(a: a.map(number), b: b.map(number))
        return script.steps().map { step in
            switch step {
            case .same(let index): .same(a[index])
            case .removed(let index): .removed(a[index])
            case .added(let index): .added(b[index])
            }
        }
    }

    /// Past this many edits in one region between anchors, Myers' search stops: each region costs at most this
    /// many passes over its lines and this number squared in memory.
    public static let maximumCost = 1_000
    /// How many times a region is cut again at the lines unique within it before Myers takes it as it is.
    static let maximumDepth = 8
}

/// The edit script of two texts whose lines are numbered (equal lines, equal numbers).
struct EditScript {
    /// A line of `a` kept or removed, or a line of `b` added, by index.
    enum Step: Equatable {
        case same(Int)
        case removed(Int)
        case added(Int)
    }

    let a: [Int]
    let b: [Int]

    /// What is left to do, taken from the end: a region of both texts to diff, or a line both share.
    private enum Work {
        case region(Range<Int>, Range<Int>, depth: Int)
        case same(Int)
    }

    func steps() -> [Step] {
        var steps: [Step] = []
        steps.reserveCapacity(Swift.max(a.count, b.count))
        var work: [Work] = [.region(a.indices, b.indices, depth: 0)]
        while let next = work.popLast() {
            switch next {
            case .same(let index): steps.append(.same(index))
            case .region(let inA, let inB, let depth): split(inA, inB, depth: depth, into: &steps, later: &work)
            }
        }
        return steps
    }

    /// Takes the region's common first lines as steps and leaves its common last lines for `later`; what differs
    /// in between is cut at its unique common lines into more work, or searched with Myers.
    private func split(
        _ inA: Range<Int>, _ inB: Range<Int>, depth: Int, into steps: inout [Step], later work: inout [Work]
    ) {
        var inA = inA
        var inB = inB
        while let i = inA.first, let j = inB.first, a[i] == b[j] {
            steps.append(.same(i))
            inA = inA.dropFirst()
            inB = inB.dropFirst()
        }
        while let i = inA.last, let j = inB.last, a[i] == b[j] {
            work.append(.same(i))
            inA = inA.dropLast()
            inB = inB.dropLast()
        }
        if inA.isEmpty || inB.isEmpty {
            steps += inA.map(Step.removed) + inB.map(Step.added)
            return
        }
        let anchors = depth < UnifiedDiff.maximumDepth ? uniqueCommonLines(inA, inB) : []
        guard !anchors.isEmpty else {
            steps += myers(inA, inB)
            return
        }
        var end = (a: inA.upperBound, b: inB.upperBound)
        for anchor in anchors.reversed() {
            work.append(.region(anchor.a + 1..<end.a, anchor.b + 1..<end.b, depth: depth + 1))
            work.append(.same(anchor.a))
            end = anchor
        }
        work.append(.region(inA.lowerBound..<end.a, inB.lowerBound..<end.b, depth: depth + 1))
    }

    /// The lines that occur once in `inA` and once in `inB`, paired, as many as keep their order in both (the
    /// longest increasing run of their positions in `b`, by patience sorting).
    private func uniqueCommonLines(_ inA: Range<Int>, _ inB: Range<Int>) -> [(a: Int, b: Int)] {
        var occurrences: [Int: (inA: Int, inB: Int, atB: Int)] = [:]
        for i in inA { occurrences[a[i], default: (0, 0, 0)].inA += 1 }
        for j in inB where occurrences[b[j]] != nil {
            occurrences[b[j]]?.inB += 1
            occurrences[b[j]]?.atB = j
        }
        let pairs = inA.compactMap { i -> (a: Int, b: Int)? in
            guard let seen = occurrences[a[i]], seen.inA == 1, seen.inB == 1 else { return nil }
            return (i, seen.atB)
        }
        // tails[n]: the pair ending the best run of n + 1 pairs found so far, the one with the lowest `b`.
        var tails: [Int] = []
        var previous = [Int](repeating: -1, count: pairs.count)
        for (index, pair) in pairs.enumerated() {
            var low = 0
            var high = tails.count
            while low < high {
                let middle = (low + high) / 2
                if pairs[tails[middle]].b < pair.b { low = middle + 1 } else { high = middle }
            }
            if low > 0 { previous[index] = tails[low - 1] }
            if low == tails.count { tails.append(index) } else { tails[low] = index }
        }
        var run: [(a: Int, b: Int)] = []
        var index = tails.last ?? -1
        while index >= 0 {
            run.append(pairs[index])
            index = previous[index]
        }
        return run.reversed()
    }

    /// Myers' shortest edit script of two regions, or both written whole past `UnifiedDiff.maximumCost` edits. The
    /// trace keeps, for each cost `d`, only the diagonals `-d-1...d+1` that backtracking reads.
    private func myers(_ inA: Range<Int>, _ inB: Range<Int>) -> [Step] {
        let n = inA.count
        let m = inB.count
        let limit = Swift.min(n + m, UnifiedDiff.maximumCost)
        let offset = limit + 1
        var frontier = [Int](repeating: 0, count: 2 * limit + 3)
        var trace: [[Int]] = []
        var reached = false
        search: for d in 0...limit {
            trace.append(Array(frontier[(offset - d - 1)...(offset + d + 1)]))
            for k in stride(from: -d, through: d, by: 2) {
                var x =
                    (k == -d || (k != d && frontier[offset + k - 1] < frontier[offset + k + 1]))
                    ? frontier[offset + k + 1] : frontier[offset + k - 1] + 1
                var y = x - k
                while x < n && y < m && a[inA.lowerBound + x] == b[inB.lowerBound + y] {
                    x += 1
                    y += 1
                }
                frontier[offset + k] = x
                if x >= n && y >= m {
                    reached = true
                    break search
                }
            }
        }
        guard reached else { return inA.map(Step.removed) + inB.map(Step.added) }
        var steps: [Step] = []
        var x = n
        var y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            // trace[d][k + d + 1] is the frontier's diagonal k before cost d.
            let v = trace[d]
            let k = x - y
            let previousK = (k == -d || (k != d && v[k + d] < v[k + d + 2])) ? k + 1 : k - 1
            let previousX = v[previousK + d + 1]
            let previousY = previousX - previousK
            while x > previousX && y > previousY {
                steps.append(.same(inA.lowerBound + x - 1))
                x -= 1
                y -= 1
            }
            if d > 0 {
                steps.append(x == previousX ? .added(inB.lowerBound + y - 1) : .removed(inA.lowerBound + x - 1))
            }
            x = previousX
            y = previousY
        }
        return steps.reversed()
    }
}
