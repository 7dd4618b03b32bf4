import Foundation

/// A value another thread makes: `wait` blocks until `set` has given it.
public final class Later<Value: Sendable>: @unchecked Sendable {
    private let ready = DispatchSemaphore(value: 0)
    private var value: Value?

    public init() {}

    public func set(_ value: Value) {
        self.value = value
        ready.signal()
    }

    public func wait() -> Value {
        ready.wait()
        return value!
    }
}

/// Runs `first` on this thread and `second` on another, at once; returns both results.
public func bothAtOnce<A, B: Sendable>(_ first: () -> A, _ second: @escaping @Sendable () -> B) -> (A, B) {
    let later = Later<B>()
    let thread = Thread { later.set(second()) }
    thread.stackSize = 1 << 22
    thread.start()
    let a = first()
    return (a, later.wait())
}
