import ArgumentParser
import Foundation
import Store
import SyncCore

/// `mailsync demo`: the tenants of the live demo `make run` starts (scripts/run-demo.sh), made
/// idempotently: a demo agency and sub-account with fixed ids, the sub-account's SMTP provider
/// (a local sink), a user, a few contacts and a user token for the sign-in page. A second run
/// finds them and only issues a new token when the last one is near its end. What later runs
/// need is kept in `--state-dir` (`.local/demo/state.json`, readable by its owner only).
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Create (or find) the demo's agency, sub-account, user, contacts and sign-in token.",
        discussion:
            "Connects as mailsync_admin (MAILSYNC_ADMIN_DATABASE_URL). Prints the sign-in token and the demo's facts.")

    static let agencyID = UUID(uuidString: "d3e00000-0000-4000-8000-00000000a001")!
    static let subAccountID = UUID(uuidString: "d3e00000-0000-4000-8000-00000000b001")!
    static let userEmail = "alex@demo-agency.example"
    static let contacts = [
        ("maria.garcia@patients.example", "Maria Garcia"), ("jonas.weber@patients.example", "Jonas Weber"),
        ("lena.novak@patients.example", "Lena Novak"),
    ]

    @Option(help: "Folder for the demo's state (token, API key).")
    var stateDir = ".local/demo"

    @Option(help: "Port of the local SMTP sink the sub-account's email provider points at.")
    var smtpPort = 2525

    /// What a later run reuses.
    struct State: Codable {
        var apiKey: String?
        var userToken: String?
        var userTokenExpiresAt: Date?
    }

    func run() async throws {
        let folder = URL(fileURLWithPath: stateDir, isDirectory: true)
        let file = folder.appendingPathComponent("state.json")
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        var state = (try? Data(contentsOf: file)).flatMap { try? decoder.decode(State.self, from: $0) } ?? State()
        let bccDomain = Environment().bccDomain
        let scope = TenantScope.subAccount(Self.subAccountID, of: Self.agencyID)
        let smtpPort = smtpPort
        let (subAccount, userID, newKey, token) = try await AdminCommand.withStore { store in
            let (subAccount, userID, newKey) = try await store.withTenant(.agency(Self.agencyID)) { tx in
                var newKey: String?
                if (try? await tx.agency.get()) == nil {
                    _ = try await tx.agency.create(name: "Demo Agency")
                    newKey = try await tx.apiKeys.create(name: "demo").token.value
                }
                var user = try await tx.users.find(email: Self.userEmail)
                if user == nil { user = try await tx.users.create(email: Self.userEmail, name: "Alex Demo") }
                guard let user else { throw ValidationError("the demo user could not be created") }
                let subAccount = try await tx.withScope(scope) { sub in
                    try await Self.prepare(sub, bccDomain: bccDomain, smtpPort: smtpPort, userID: user.id)
                }
                return (subAccount, user.id, newKey)
            }
            let token = try Self.token(reusing: state, scope: scope, userID: userID, keyring: store.keyring)
            return (subAccount, userID, newKey, token)
        }
        if let newKey { state.apiKey = newKey }
        state.userToken = token.text
        state.userTokenExpiresAt = token.expiresAt
        try Self.save(state, to: file)
        print("agency: \(Self.agencyID.uuidString.lowercased())")
        print("sub-account: \(subAccount.id.uuidString.lowercased()) (\(subAccount.name))")
        print("bcc address: \(subAccount.bccAddress)")
        print("user: \(userID.uuidString.lowercased()) (\(Self.userEmail))")
        print("contacts: \(Self.contacts.map(\.0).joined(separator: ", "))")
        print("api key: \(state.apiKey ?? "(created earlier; not kept)")")
        print("user token (until \(token.expiresAt.formatted(.iso8601))): \(token.text)")
    }

    /// The sub-account with its settings, the user's membership and the contacts.
    static func prepare(_ tx: TenantTransaction, bccDomain: String, smtpPort: Int, userID: UUID) async throws
        -> SubAccount
    {
        let subAccount: SubAccount
        if let existing = try await tx.subAccounts.get(subAccountID) {
            subAccount = existing
        } else {
            subAccount = try await tx.subAccounts.create(name: "Demo Dental", bccDomain: bccDomain)
        }
        try await tx.emailProvider.save(
            EmailProviderSettings(
                host: "127.0.0.1", port: smtpPort, tlsMode: .none, sendingDomain: "demo-dental.example",
                defaultFromAddress: "hello@demo-dental.example", defaultFromName: "Demo Dental"))
        try await tx.users.addMembership(userID: userID)
        for (email, name) in contacts where try await tx.contacts.find(email: email) == nil {
            _ = try await tx.contacts.create(email: email, name: name, source: .crm)
        }
        return subAccount
    }

    /// The saved token while it has more than an hour left, else a new one for 12 hours.
    static func token(reusing state: State, scope: TenantScope, userID: UUID, keyring: Keyring) throws
        -> (text: String, expiresAt: Date)
    {
        if let text = state.userToken,
            let claims = UserToken.verify(text, keyring: keyring, now: Date().addingTimeInterval(3600)),
            claims.userID == userID, claims.scope == scope
        {
            return (text, claims.expiresAt)
        }
        let token = UserToken(scope: scope, userID: userID, expiresAt: Date().addingTimeInterval(12 * 3600))
        return (try token.signed(with: keyring).value, token.expiresAt)
    }

    static func save(_ state: State, to file: URL) throws {
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(state).write(to: file, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
    }
}
