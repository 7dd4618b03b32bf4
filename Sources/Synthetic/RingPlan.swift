/// One organised group as the generator builds it: its den, its people by role and
/// the accounts its money moves through.
struct RingPlan {
    var number: Int32
    var den: Int32
    var country: String
    var boss: Int32 = -1
    var managers: [Int32] = []
    var leaders: [Int32] = []
    var workers: [Int32] = []
    var recruiters: [Int32] = []
    var brokers: [Int32] = []
    var mules: [Int32] = []
    /// The boss's account that pays salaries.
    var payroll: Int32 = -1
    var bossWallet: Int32 = -1
    var brokerWallets: [Int32] = []
    var brokerAccounts: [Int32] = []
    /// Salary account of each paid member, with the monthly amount in whole units.
    var salaries: [(account: Int32, amount: Double, ewallet: Bool)] = []
    /// Mule accounts that receive victims' payments.
    var collectors: [Int32] = []
    /// Mule accounts further down the laundering layers.
    var layers: [Int32] = []
    /// Country of each mule account.
    var accountCountry: [Int32: String] = [:]
    /// Where its victims live.
    var victimCountries: [String] = []
    /// Typologies this ring prefers (it can use any).
    var favourites: [Int] = []
    /// Phone of each member who has one.
    var phones: [Int32: Int32] = [:]
}
