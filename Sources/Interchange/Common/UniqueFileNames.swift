/// File names handed out once each, so that two values from case data that reduce to
/// the same safe name (countries `KH`, `K H` and `K"H` all give `freeze-KH.csv`) do
/// not overwrite each other: the second becomes `freeze-KH-2.csv`, the third
/// `freeze-KH-3.csv`. Names are compared without regard to case, as on file systems
/// that ignore it.
public struct UniqueFileNames {
    private var taken: Set<String> = []

    /// A set that has handed out `reserved` already.
    public init(reserved: [String] = []) {
        for name in reserved { taken.insert(name.lowercased()) }
    }

    /// `name`, or `name` with `-2`, `-3`... before its extension if it is taken.
    public mutating func claim(_ name: String) -> String {
        if taken.insert(name.lowercased()).inserted { return name }
        let dot = name.lastIndex(of: ".") ?? name.endIndex
        let stem = name[..<dot], ext = name[dot...]
        var k = 2
        while true {
            let candidate = "\(stem)-\(k)\(ext)"
            if taken.insert(candidate.lowercased()).inserted { return candidate }
            k += 1
        }
    }
}
