import FraudGraph
import Interchange
import Testing

@Suite("JSON")
struct JSONTests {
    @Test("keys keep their order; money is a string; text is escaped")
    func writes() {
        let value = JSON.object([
            ("b", .int(2)), ("a", .money(Money(units: 12_505_000))),
            ("name", .string("say \"hi\"\n<b>&")), ("x", .double(0.5)), ("nan", .double(.nan)), ("none", .null),
            ("list", .array([.bool(true), .string("\u{1}")])),
        ])
        #expect(value.serialized() == #"{"b":2,"a":"1250.5000","name":"say \"hi\"\n\u003cb\u003e\u0026","x":0.5,"nan":null,"none":null,"list":[true,"\u0001"]}"#)
    }
}
