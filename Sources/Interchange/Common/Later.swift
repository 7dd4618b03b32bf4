import Foundation

/// A value another thread makes: `wait` blocks until `set` has given it.
final class Later<Value>: @unchecked Sendable {
    private let ready = DispatchSemaphore(value: 0)
    private var value: Value?

    func set(_ value: Value) {
        self.value = value
        ready.signal()
    }

    func wait() -> Value {
        ready.wait()
        return value!
    }
}
