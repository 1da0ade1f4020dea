// The realm's accounts: generation from the seed, lookups, and Zulip's user objects.
#pragma once

#include "Json.h"

#include <QHash>
#include <QString>

#include <functional>
#include <vector>

namespace zp::devrealm {

struct DevRealmOptions;

enum class Role { Owner = 100, Admin = 200, Moderator = 300, Member = 400, Guest = 600 };
enum class AvatarSource {
    Gravatar,         // avatar_url is null when the client computes gravatars itself
    Uploaded,         // absolute URL on the dev realm
    UploadedRelative, // "/user_avatars/..." like a server with local uploads
};

struct User {
    int id = 0;
    QString fullName;
    QString email;         // the Zulip API email (a fake address when emailRestricted)
    QString deliveryEmail; // the real address: login, Basic auth
    bool emailRestricted = false;
    QByteArray apiKey;
    bool isActive = true;
    bool isBot = false;
    int botType = 0; // 1 = generic bot; 0 = not a bot
    int botOwnerId = 0;
    Role role = Role::Member;
    QString timezone;
    qint64 dateJoinedMs = 0;
    bool presenceEnabled = true;
    AvatarSource avatar = AvatarSource::Gravatar;
    int avatarVersion = 1;
    QString team; // custom profile field 1; empty = not set

    // Precomputed so that 100 000 user objects are written in a fraction of a second.
    QString dateJoinedIso;
    QString avatarHash;   // of the uploaded avatar file
    QString gravatarHash; // md5 of the lower-cased delivery email
};

// How a user object is rendered for one viewer and one request.
struct UserJsonOptions {
    const User *viewer = nullptr;
    bool clientGravatar = true;
    bool includeProfileData = false;
    bool includeIsActive = true; // register's realm_users omit it
    // Set for clients with the user_avatar_url_field_optional capability: people it says are
    // long-term idle get no avatar_url (clients fetch GET /avatar/{user_id} instead).
    std::function<bool(const User &)> isLongTermIdle;
    int featureLevel = 0;
    QString baseUrl;
};

class UserDirectory {
public:
    static constexpr int kFirstUserId = 10; // lower ids are Zulip's system bots on real servers

    // Fixed ids of the special accounts.
    static constexpr int kOwnId = 10;
    static constexpr int kBotId = 11;
    static constexpr int kDeactivatedId = 12;
    static constexpr int kPresenceDisabledId = 13;
    static constexpr int kZoeId = 14;
    static constexpr int kRestrictedEmailId = 15;
    static constexpr int kMinimumUsers = 6;

    UserDirectory(const DevRealmOptions &options, qint64 realmStartMs);

    const std::vector<User> &all() const { return m_users; }
    const User *byId(qint64 id) const;
    User *byId(qint64 id);
    const User *byDeliveryEmail(const QString &email) const; // case-insensitive
    const User *byApiEmail(const QString &email) const;      // case-insensitive
    const User *byApiKey(const QByteArray &key) const;

    User &add(const QString &fullName, bool isBot, qint64 nowMs);
    int activeCount() const;

    static bool canSeeDeliveryEmail(const User &viewer, const User &user);
    static QString avatarUrl(const User &user, const UserJsonOptions &options);
    void writeUser(JsonWriter &w, const User &user, const UserJsonOptions &options) const;

private:
    User makeGenerated(int id, qint64 realmStartMs);
    void index(User &user);
    QString uniqueSlug(const QString &base);
    QString cachedSlug(const QString &name);
    QByteArray makeApiKey(int id) const;

    quint64 m_seed;
    std::vector<User> m_users;
    QHash<QByteArray, int> m_byApiKey;
    std::vector<int> m_nameCounts;    // per (first name, last name) pair
    QHash<QString, int> m_slugCounts; // other names: special, added, other scripts
    QHash<QString, QString> m_slugOfName;
};

} // namespace zp::devrealm
