#include "Users.h"

#include "DevRealm.h"
#include "Random.h"

#include <QCryptographicHash>
#include <QDate>
#include <array>
#include <cstdio>

namespace zp::devrealm {

namespace {

// Varied, partly non-ASCII names so that clients have to sort with a collator: "Ángel" and
// "Ørjan" must not land after "Zoë", and "de Vries" must not land before "Aaliyah".
constexpr std::array kFirstNames = {
    "Aaliyah",   "Åsa",    "Ahmed",   "Aiko",     "Alejandro", "Amara",    "Ana",     "Anders",
    "Ángel",     "Anjali", "Astrid",  "Bartosz",  "Beatriz",   "Bjørn",    "Camille", "Carlos",
    "Chiara",    "Chidi",  "Chloé",   "Dagny",    "Daniel",    "Dmitri",   "Élodie",  "Emeka",
    "Emil",      "Erik",   "Eun-ji",  "Fatima",   "Feng",      "François", "Freya",   "Gabriel",
    "Grace",     "Hannah", "Hiroshi", "Ingeborg", "Ioana",     "Isabel",   "Jakub",   "James",
    "Javier",    "Jürgen", "Kai",     "Karin",    "Kofi",      "Lars",     "Laura",   "Łukasz",
    "Maja",      "Malik",  "Mei",     "Miguel",   "Mohammed",  "Nadia",    "Nils",    "Noor",
    "Oğuz",      "Olga",   "Ørjan",   "Pablo",    "Priya",     "Rafael",   "Ravi",    "Rosa",
    "Sakura",    "Samuel", "Sofía",   "Søren",    "Tamar",     "Thabo",    "Tomás",   "Umaima",
    "Valentina", "Wei",    "Yusuf",   "Zainab",   "Zoltán",    "Øystein",
};

constexpr std::array kLastNames = {
    "Abara",     "Andersson", "Bauer",       "Bergström", "Çelik",     "Chen",      "da Silva",
    "de Vries",  "Dvořák",    "Eriksen",     "Fernández", "García",    "Gonçalves", "Haddad",
    "Hansen",    "Ishikawa",  "Ivanova",     "Jankowski", "Johansson", "Kaur",      "Kim",
    "Kowalczyk", "Kuznetsov", "Larsen",      "Lefèvre",   "Lindqvist", "López",     "Mbeki",
    "Müller",    "Nakamura",  "Nguyễn",      "Nielsen",   "Novák",     "Nowak",     "Núñez",
    "O'Brien",   "Okafor",    "Ólafsdóttir", "Olsen",     "Özdemir",   "Patel",     "Pereira",
    "Petrović",  "Popescu",   "Quispe",      "Rossi",     "Sato",      "Schmidt",   "Şahin",
    "Singh",     "Smith",     "Sørensen",    "Suzuki",    "Takahashi", "Tanaka",    "van den Berg",
    "Virtanen",  "Wang",      "Weiß",        "Williams",  "Wójcik",    "Yamamoto",  "Yılmaz",
    "Zhang",     "Åberg",     "Ødegaard",    "Ünal",      "Éluard",
};

// Whole names in other scripts, with the ASCII email local part such a user would pick.
struct ScriptName {
    const char *fullName;
    const char *slug;
};
constexpr std::array kScriptNames = {
    ScriptName{"李娜", "li.na"},
    ScriptName{"王芳", "wang.fang"},
    ScriptName{"佐藤 花子", "hanako.sato"},
    ScriptName{"Анна Иванова", "anna.ivanova"},
    ScriptName{"Γιώργος Παπαδόπουλος", "giorgos.papadopoulos"},
    ScriptName{"ليلى حداد", "layla.haddad"},
};

constexpr std::array kTimezones = {
    "Europe/Stockholm",    "America/New_York", "Asia/Kolkata",     "",    "Europe/Berlin",
    "America/Los_Angeles", "Asia/Tokyo",       "Australia/Sydney", "UTC", "America/Sao_Paulo",
    "Africa/Lagos",        "Europe/Istanbul",
};

constexpr std::array kTeams = {"Engineering", "Design",  "Support", "Sales",
                               "Research",    "Finance", "",        "Operations"};

constexpr qint64 kDayMs = 24 * 3600 * 1000;

QString asciiSlug(const QString &name) {
    QString out;
    for (const QChar c : name.normalized(QString::NormalizationForm_KD)) {
        switch (c.unicode()) {
        case u'ø':
        case u'Ø':
            out += u'o';
            continue;
        case u'æ':
            out += QStringLiteral("ae");
            continue;
        case u'ß':
            out += QStringLiteral("ss");
            continue;
        case u'ł':
        case u'Ł':
            out += u'l';
            continue;
        case u'ı':
            out += u'i';
            continue;
        default:
            break;
        }
        if (c.unicode() < 128 && c.isLetterOrNumber())
            out += c.toLower();
    }
    return out;
}

QString isoDate(qint64 unixMs) {
    // Zulip's form: 2019-10-20T07:50:53.728864+00:00 (microseconds, explicit UTC offset).
    // Formatted by hand: QDateTime::toString is a noticeable part of building 100 000 users.
    const qint64 secs = unixMs / 1000;
    const QDate date = QDate(1970, 1, 1).addDays(secs / 86400);
    const qint64 s = secs % 86400;
    char text[40];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03d%03d+00:00", date.year(),
                  date.month(), date.day(), int(s / 3600), int(s / 60 % 60), int(s % 60),
                  int(unixMs % 1000), int((unixMs * 7) % 1000));
    return QString::fromLatin1(text);
}

QString md5Hex(const QString &text) {
    return QString::fromLatin1(
        QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Md5).toHex());
}

} // namespace

UserDirectory::UserDirectory(const DevRealmOptions &options, qint64 realmStartMs)
    : m_seed(options.seed) {
    const int total = std::max(options.users, kMinimumUsers);
    m_users.reserve(size_t(total) + 16);
    m_byApiKey.reserve(total + 16);
    m_nameCounts.assign(kFirstNames.size() * kLastNames.size(), 0);

    auto special = [&](int id, const QString &name, const QString &slug) {
        User u;
        u.id = id;
        u.fullName = name;
        u.deliveryEmail = u.email = slug + QStringLiteral("@devrealm.test");
        m_slugCounts.insert(slug, 1);
        u.apiKey = makeApiKey(id);
        u.timezone = QStringLiteral("Europe/Stockholm");
        u.dateJoinedMs = realmStartMs - (400 - id) * kDayMs;
        return u;
    };

    User own = special(kOwnId, QStringLiteral("Ada Agent"), QStringLiteral("ada.agent"));
    if (!options.apiKey.isEmpty())
        own.apiKey = options.apiKey.toLatin1();
    own.avatar = AvatarSource::Uploaded;
    own.avatarVersion = 3;
    own.team = QStringLiteral("Engineering");
    m_users.push_back(own);

    User bot = special(kBotId, QStringLiteral("Build Bot"), QStringLiteral("build-bot"));
    bot.isBot = true;
    bot.botType = 1;
    bot.botOwnerId = kOwnId;
    bot.timezone.clear();
    m_users.push_back(bot);

    User gone =
        special(kDeactivatedId, QStringLiteral("Olle Ödmark"), QStringLiteral("olle.odmark"));
    gone.isActive = false;
    m_users.push_back(gone);

    User hidden = special(kPresenceDisabledId, QStringLiteral("Ingrid Ivarsson"),
                          QStringLiteral("ingrid.ivarsson"));
    hidden.presenceEnabled = false;
    m_users.push_back(hidden);

    User zoe = special(kZoeId, QStringLiteral("Zoë Ångström"), QStringLiteral("zoe.angstrom"));
    zoe.timezone = QStringLiteral("Europe/Paris");
    zoe.avatar = AvatarSource::UploadedRelative;
    zoe.avatarVersion = 2;
    m_users.push_back(zoe);

    for (int id = kRestrictedEmailId; id < kFirstUserId + total; ++id)
        m_users.push_back(makeGenerated(id, realmStartMs));

    // A few fixed roles so that clients see every kind of account.
    const std::array<std::pair<int, Role>, 4> roles = {
        {{16, Role::Owner}, {17, Role::Admin}, {18, Role::Moderator}, {19, Role::Guest}}};
    for (const auto &[id, role] : roles) {
        if (User *u = byId(id))
            u->role = role;
    }
    for (User &u : m_users)
        index(u);
}

User UserDirectory::makeGenerated(int id, qint64 realmStartMs) {
    Rng rng(m_seed, quint64(id) * 4 + 1);
    User u;
    u.id = id;
    QString slug;
    if (rng.chance(0.03)) {
        const ScriptName &n = kScriptNames[rng.range(0, kScriptNames.size() - 1)];
        u.fullName = QString::fromUtf8(n.fullName);
        slug = uniqueSlug(QString::fromUtf8(n.slug));
    } else {
        const size_t firstIndex = size_t(rng.range(0, kFirstNames.size() - 1));
        const size_t lastIndex = size_t(rng.range(0, kLastNames.size() - 1));
        const QString first = QString::fromUtf8(kFirstNames[firstIndex]);
        const QString last = QString::fromUtf8(kLastNames[lastIndex]);
        u.fullName = first + u' ' + last;
        // Namesakes get john.smith2, john.smith3...; counted per name pair, without hashing.
        const int n = ++m_nameCounts[firstIndex * kLastNames.size() + lastIndex];
        slug = cachedSlug(first) + u'.' + cachedSlug(last);
        if (n > 1)
            slug += QString::number(n);
    }
    u.deliveryEmail = slug + QStringLiteral("@devrealm.test");
    // Some users restrict who sees their address; their API email is then a fake one.
    u.emailRestricted = id == kRestrictedEmailId || id % 11 == 4;
    u.email = u.emailRestricted ? QStringLiteral("user%1@devrealm.test").arg(id) : u.deliveryEmail;
    u.apiKey = makeApiKey(id);
    u.timezone = QString::fromUtf8(kTimezones[rng.range(0, kTimezones.size() - 1)]);
    u.dateJoinedMs = realmStartMs - rng.range(2 * kDayMs, 1200 * kDayMs);
    if (id % 3 == 0) {
        u.avatar = id % 6 == 0 ? AvatarSource::UploadedRelative : AvatarSource::Uploaded;
        u.avatarVersion = int(rng.range(2, 5));
    }
    u.team = QString::fromUtf8(kTeams[rng.range(0, kTeams.size() - 1)]);
    return u;
}

QString UserDirectory::cachedSlug(const QString &name) {
    auto it = m_slugOfName.constFind(name);
    if (it == m_slugOfName.cend())
        it = m_slugOfName.insert(name, asciiSlug(name));
    return *it;
}

QString UserDirectory::uniqueSlug(const QString &base) {
    const int n = ++m_slugCounts[base];
    return n == 1 ? base : base + QString::number(n);
}

QByteArray UserDirectory::makeApiKey(int id) const {
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    Rng rng(m_seed, quint64(id) * 4 + 2);
    QByteArray key(32, '0');
    for (char &c : key)
        c = alphabet[rng.range(0, 61)];
    return key;
}

void UserDirectory::index(User &user) {
    user.dateJoinedIso = isoDate(user.dateJoinedMs);
    user.avatarHash = md5Hex(QString::number(user.id));
    user.gravatarHash = md5Hex(user.deliveryEmail.toLower());
    m_byApiKey.insert(user.apiKey, user.id);
}

const User *UserDirectory::byId(qint64 id) const {
    const qint64 i = id - kFirstUserId;
    return i >= 0 && i < qint64(m_users.size()) ? &m_users[size_t(i)] : nullptr;
}

User *UserDirectory::byId(qint64 id) {
    return const_cast<User *>(std::as_const(*this).byId(id));
}

// Lookups by email are rare (login, GET /users/{email}); a scan is cheaper than keeping
// two more hashes of 100 000 strings.
const User *UserDirectory::byDeliveryEmail(const QString &email) const {
    for (const User &u : m_users) {
        if (u.deliveryEmail.compare(email, Qt::CaseInsensitive) == 0)
            return &u;
    }
    return nullptr;
}

const User *UserDirectory::byApiEmail(const QString &email) const {
    for (const User &u : m_users) {
        if (u.email.compare(email, Qt::CaseInsensitive) == 0)
            return &u;
    }
    return nullptr;
}

const User *UserDirectory::byApiKey(const QByteArray &key) const {
    const auto it = m_byApiKey.constFind(key);
    return it == m_byApiKey.cend() ? nullptr : byId(*it);
}

User &UserDirectory::add(const QString &fullName, bool isBot, qint64 nowMs) {
    User u;
    u.id = kFirstUserId + int(m_users.size());
    u.fullName = fullName;
    QStringList words;
    for (const QString &word : fullName.split(u' ', Qt::SkipEmptyParts)) {
        if (const QString w = asciiSlug(word); !w.isEmpty())
            words.append(w);
    }
    QString slug = words.join(u'.');
    if (slug.isEmpty())
        slug = QStringLiteral("user");
    if (isBot) {
        slug += QStringLiteral("-bot");
        u.isBot = true;
        u.botType = 1;
        u.botOwnerId = kOwnId;
    }
    QString email;
    do // the name may also be a generated one
        email = uniqueSlug(slug) + QStringLiteral("@devrealm.test");
    while (byDeliveryEmail(email));
    u.deliveryEmail = u.email = email;
    u.apiKey = makeApiKey(u.id);
    u.timezone = QStringLiteral("UTC");
    u.dateJoinedMs = nowMs;
    m_users.push_back(u);
    index(m_users.back());
    return m_users.back();
}

int UserDirectory::activeCount() const {
    return int(
        std::count_if(m_users.begin(), m_users.end(), [](const User &u) { return u.isActive; }));
}

bool UserDirectory::canSeeDeliveryEmail(const User &viewer, const User &user) {
    return !user.emailRestricted || user.isBot || viewer.id == user.id ||
           viewer.role == Role::Owner || viewer.role == Role::Admin;
}

QString UserDirectory::avatarUrl(const User &user, const UserJsonOptions &o) {
    const QString version = QStringLiteral("version=%1").arg(user.avatarVersion);
    switch (user.avatar) {
    case AvatarSource::Uploaded:
        return o.baseUrl +
               QStringLiteral("/user_avatars/2/%1.png?%2").arg(user.avatarHash, version);
    case AvatarSource::UploadedRelative:
        return QStringLiteral("/user_avatars/2/%1.png?%2").arg(user.avatarHash, version);
    case AvatarSource::Gravatar:
        break;
    }
    // A gravatar: clients that compute gravatars get null when they may see the real address.
    if (o.clientGravatar && o.viewer && canSeeDeliveryEmail(*o.viewer, user))
        return {};
    // Stand-in for secure.gravatar.com served by the dev realm, so tests stay on loopback.
    return o.baseUrl +
           QStringLiteral("/gravatar/avatar/%1?d=identicon&%2").arg(user.gravatarHash, version);
}

void UserDirectory::writeUser(JsonWriter &w, const User &u, const UserJsonOptions &o) const {
    w.beginObject();
    w.field("email", u.email);
    w.field("user_id", u.id);
    w.field("avatar_version", u.avatarVersion);
    w.field("is_admin", u.role == Role::Owner || u.role == Role::Admin);
    w.field("is_owner", u.role == Role::Owner);
    w.field("is_guest", u.role == Role::Guest);
    if (o.featureLevel < 363) // removed in Zulip 10.0
        w.field("is_billing_admin", u.role == Role::Owner);
    w.field("role", int(u.role));
    w.field("is_bot", u.isBot);
    w.field("full_name", u.fullName);
    w.field("timezone", u.timezone);
    if (o.includeIsActive)
        w.field("is_active", u.isActive);
    w.field("date_joined", u.dateJoinedIso);
    w.key("delivery_email");
    if (!o.viewer || canSeeDeliveryEmail(*o.viewer, u))
        w.value(u.deliveryEmail);
    else
        w.null();
    // As Zulip: with the capability, no avatar for long-term idle (soft-deactivated) people,
    // whose hashes would be most of a large organization's answer and compress badly.
    if (!o.isLongTermIdle || !o.isLongTermIdle(u)) {
        const QString avatar = avatarUrl(u, o);
        w.key("avatar_url");
        avatar.isEmpty() ? w.null() : w.value(avatar);
    }
    w.key("bot_type");
    u.isBot ? w.value(u.botType) : w.null();
    if (u.isBot) {
        w.key("bot_owner_id");
        u.botOwnerId ? w.value(u.botOwnerId) : w.null();
    }
    if (o.includeProfileData && !u.isBot) {
        w.key("profile_data").beginObject();
        if (!u.team.isEmpty())
            w.key("1").beginObject().field("value", u.team).endObject();
        w.endObject();
    }
    w.endObject();
}

} // namespace zp::devrealm
