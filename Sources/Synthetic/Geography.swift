/// The invented world that generated cases live in: countries with their currency,
/// phone prefix and banks, and names of people, places and companies. Every name is
/// made up; none is meant to be a real person, bank or compound.
enum Geography {
    struct Country: Sendable {
        let code: String
        let name: String
        let currency: String
        let phonePrefix: String
        let names: NameStyle
    }

    enum NameStyle: Sendable { case western, eastAsian, southeastAsian, southAsian, african }

    static let countries: [Country] = [
        Country(code: "US", name: "United States", currency: "USD", phonePrefix: "+1", names: .western),
        Country(code: "GB", name: "United Kingdom", currency: "GBP", phonePrefix: "+44", names: .western),
        Country(code: "DE", name: "Germany", currency: "EUR", phonePrefix: "+49", names: .western),
        Country(code: "FR", name: "France", currency: "EUR", phonePrefix: "+33", names: .western),
        Country(code: "ES", name: "Spain", currency: "EUR", phonePrefix: "+34", names: .western),
        Country(code: "IT", name: "Italy", currency: "EUR", phonePrefix: "+39", names: .western),
        Country(code: "NL", name: "Netherlands", currency: "EUR", phonePrefix: "+31", names: .western),
        Country(code: "AU", name: "Australia", currency: "USD", phonePrefix: "+61", names: .western),
        Country(code: "CA", name: "Canada", currency: "USD", phonePrefix: "+1", names: .western),
        Country(code: "JP", name: "Japan", currency: "USD", phonePrefix: "+81", names: .eastAsian),
        Country(code: "KR", name: "South Korea", currency: "USD", phonePrefix: "+82", names: .eastAsian),
        Country(code: "SG", name: "Singapore", currency: "USD", phonePrefix: "+65", names: .eastAsian),
        Country(code: "TW", name: "Taiwan", currency: "USD", phonePrefix: "+886", names: .eastAsian),
        Country(code: "HK", name: "Hong Kong", currency: "USD", phonePrefix: "+852", names: .eastAsian),
        Country(code: "CN", name: "China", currency: "USD", phonePrefix: "+86", names: .eastAsian),
        Country(code: "IN", name: "India", currency: "USD", phonePrefix: "+91", names: .southAsian),
        Country(code: "MY", name: "Malaysia", currency: "USD", phonePrefix: "+60", names: .southeastAsian),
        Country(code: "TH", name: "Thailand", currency: "USD", phonePrefix: "+66", names: .southeastAsian),
        Country(code: "VN", name: "Vietnam", currency: "USD", phonePrefix: "+84", names: .southeastAsian),
        Country(code: "ID", name: "Indonesia", currency: "USD", phonePrefix: "+62", names: .southeastAsian),
        Country(code: "PH", name: "Philippines", currency: "USD", phonePrefix: "+63", names: .southeastAsian),
        Country(code: "KH", name: "Cambodia", currency: "USD", phonePrefix: "+855", names: .southeastAsian),
        Country(code: "MM", name: "Myanmar", currency: "USD", phonePrefix: "+95", names: .southeastAsian),
        Country(code: "LA", name: "Laos", currency: "USD", phonePrefix: "+856", names: .southeastAsian),
        Country(code: "AE", name: "United Arab Emirates", currency: "USD", phonePrefix: "+971", names: .western),
        Country(code: "KE", name: "Kenya", currency: "USD", phonePrefix: "+254", names: .african),
    ]

    static let index: [String: Int] = Dictionary(uniqueKeysWithValues: countries.enumerated().map { ($1.code, $0) })

    static func country(_ code: String) -> Country { countries[index[code]!] }

    /// Where victims live, with weights.
    static let victimCountries: [(String, Double)] = [
        ("US", 18), ("GB", 8), ("DE", 7), ("FR", 6), ("ES", 5), ("IT", 4), ("NL", 3), ("AU", 6), ("CA", 5),
        ("JP", 6), ("KR", 5), ("SG", 4), ("TW", 5), ("HK", 4), ("CN", 8), ("IN", 4), ("MY", 3), ("TH", 3),
    ]

    /// Where dens are, with weights.
    static let denCountries: [(String, Double)] = [("KH", 35), ("MM", 30), ("LA", 15), ("PH", 15), ("AE", 5)]

    /// Where the people who run and staff dens come from (many workers are trafficked).
    static let denStaffCountries: [(String, Double)] = [
        ("CN", 30), ("TW", 8), ("MY", 8), ("TH", 8), ("VN", 8), ("ID", 8), ("PH", 6), ("IN", 6), ("KE", 4),
        ("KH", 6), ("MM", 6), ("LA", 2),
    ]

    /// Countries of the legitimate background population.
    static let backgroundCountries: [(String, Double)] = victimCountries + [("VN", 3), ("ID", 4), ("PH", 3), ("KH", 1), ("MM", 1), ("AE", 2)]

    static let firstNames: [NameStyle: [String]] = [
        .western: ["James", "Mary", "John", "Emma", "Lucas", "Sofia", "Daniel", "Laura", "Thomas", "Anna", "Marco",
                   "Elena", "Pierre", "Claire", "Hans", "Julia", "Carlos", "Lucia", "David", "Sarah", "Peter", "Olivia",
                   "Jan", "Marta", "Luca", "Chloe", "Ahmed", "Fatima", "Noah", "Isabel"],
        .eastAsian: ["Wei", "Li Na", "Hiroshi", "Yuki", "Min-jun", "Seo-yeon", "Jian", "Mei", "Kenji", "Hana", "Chen",
                     "Xin", "Haruto", "Sakura", "Ji-ho", "Yuna", "Hao", "Ling", "Takumi", "Aiko", "Jun", "Yan"],
        .southeastAsian: ["Sokha", "Dara", "Thida", "Aung", "Kyaw", "Nilar", "Somchai", "Malee", "Maria", "Jose",
                          "Rizal", "Siti", "Budi", "Linh", "Minh", "Anh", "Nok", "Arthit", "Sopheap", "Vanna"],
        .southAsian: ["Arjun", "Priya", "Rahul", "Anjali", "Vikram", "Sneha", "Amit", "Kavya", "Rohan", "Divya"],
        .african: ["Brian", "Faith", "Kevin", "Mercy", "Dennis", "Grace", "Otieno", "Wanjiru", "Kamau", "Achieng"],
    ]

    static let lastNames: [NameStyle: [String]] = [
        .western: ["Smith", "Garcia", "Müller", "Martin", "Rossi", "Jansen", "Brown", "Lopez", "Schmidt", "Dubois",
                   "Bianchi", "de Vries", "Wilson", "Fernandez", "Fischer", "Bernard", "Romano", "Bakker", "Taylor",
                   "Moreno", "O'Brien", "Novak", "Kowalski", "Silva"],
        .eastAsian: ["Wang", "Li", "Zhang", "Liu", "Chen", "Sato", "Suzuki", "Kim", "Lee", "Park", "Huang", "Lin",
                     "Tanaka", "Choi", "Zhao", "Wu", "Takahashi", "Jung", "Xu", "Sun"],
        .southeastAsian: ["Chan", "Sok", "Win", "Htun", "Saetang", "Santos", "Reyes", "Nguyen", "Tran", "Pham",
                          "Wijaya", "Kusuma", "Chea", "Phan", "Thein", "Bautista", "Rahman", "Tan"],
        .southAsian: ["Sharma", "Patel", "Singh", "Kumar", "Reddy", "Gupta", "Nair", "Iyer", "Das", "Rao"],
        .african: ["Otieno", "Mwangi", "Kamau", "Wanjiku", "Ochieng", "Njoroge", "Kiprop", "Achieng", "Mutua"],
    ]

    static let denWords = ["Golden", "Jade", "Lotus", "Dragon", "Phoenix", "Lucky", "Silver", "Royal", "Pearl",
                           "Emerald", "Sunrise", "Harbour", "Palm", "Crown", "Orchid", "Tiger", "Moon", "Star"]
    static let denPlaces = ["Park", "Compound", "Garden", "Resort", "Plaza", "Tower", "City", "Zone"]
    static let shopWords = ["Market", "Mart", "Store", "Outlet", "Bazaar", "Shop", "Depot", "Grocers"]
    static let employerWords = ["Logistics", "Health", "Foods", "Engineering", "Retail", "Services", "Textiles",
                                "Transport", "Software", "Construction"]
    static let bankWords = ["Commercial Bank", "Savings Bank", "National Bank", "Union Bank", "Trust Bank"]

    /// A person's name in the style of their country.
    static func personName(_ country: String, _ random: inout SeededRandom) -> String {
        let style = Geography.country(country).names
        return random.pick(firstNames[style]!) + " " + random.pick(lastNames[style]!)
    }

    /// The banks of a country (three per country).
    static func banks(of country: String) -> [String] {
        let c = Geography.country(country)
        let start = c.code.unicodeScalars.reduce(0) { $0 + Int($1.value) }
        return (0 ..< 3).map { "\(c.name) \(bankWords[(start + $0) % bankWords.count])" }
    }
}

/// A weighted choice among labelled options.
struct WeightedChoice<T: Sendable>: Sendable {
    let items: [T]
    let cumulative: [Double]

    init(_ weighted: [(T, Double)]) {
        items = weighted.map(\.0)
        var total = 0.0
        cumulative = weighted.map { total += $0.1; return total }
    }

    func draw(_ random: inout SeededRandom) -> T {
        let u = random.unit() * cumulative.last!
        var lo = 0
        while lo < cumulative.count - 1 && cumulative[lo] <= u { lo += 1 }
        return items[lo]
    }
}
