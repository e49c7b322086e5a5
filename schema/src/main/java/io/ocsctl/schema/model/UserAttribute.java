package io.ocsctl.schema.model;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Every attribute of a {@code user} block, declared once, in canonical order (the order {@code fmt}
 * and {@code import} write them). Each declaration says everything the rest of ocsctl derives from
 * it: its name in the file, its {@link Type} (the JSON Schema fragment, checked against the shipped
 * schema by {@code AttributeDeclarationsTest}), the fix hint of a schema error, how it reads from
 * and writes to the tree, whether it is a list or a secret (error messages), how a plan shows a
 * change of it ({@link Row}) and what that change does to the user's live sessions ({@link
 * OnChange}). docs/architecture.md, "Adding a user attribute", says what else a new one needs.
 */
public enum UserAttribute {
  VHOST("vhost", Type.NAME, Row.MOVE, OnChange.NEXT_CONNECT, null) {
    @Override
    void read(JsonNode value, User.Builder user) {
      user.vhost(Optional.of(value.asString()));
    }

    @Override
    public Optional<JsonNode> write(User user) {
      return user.vhost().map(TreeValues::string);
    }

    @Override
    public List<String> planValue(User user) {
      return user.vhost().stream().toList();
    }
  },
  GROUPS(
      "groups",
      Type.NAMES,
      Row.LIST,
      OnChange.NEXT_CONNECT,
      "write a list of group names, e.g. [\"engineering\"]") {
    @Override
    void read(JsonNode value, User.Builder user) {
      user.groups(TreeValues.strings(value));
    }

    @Override
    public Optional<JsonNode> write(User user) {
      return user.groups().isEmpty()
          ? Optional.empty()
          : Optional.of(TreeValues.strings(user.groups()));
    }

    @Override
    public List<String> planValue(User user) {
      return user.groups();
    }
  },
  /** The crypt hash; with {@link #PASSWORD}, one of two spellings of the user's one secret. */
  PASSWORD_HASH(
      "password_hash",
      Type.STRING,
      Row.SECRET,
      OnChange.NONE,
      "write the crypt hash as a string, e.g. \"$6$...\" made by 'ocsctl passwd'") {
    @Override
    void read(JsonNode value, User.Builder user) {
      user.password(Optional.of(new Secret.Hash(value.asString())));
    }

    @Override
    public Optional<JsonNode> write(User user) {
      return user.password()
          .filter(Secret.Hash.class::isInstance)
          .map(s -> TreeValues.string(((Secret.Hash) s).crypt()));
    }

    /** The hash the user's passwd line holds (the planner resolves every secret to one first). */
    @Override
    public List<String> planValue(User user) {
      return user.password()
          .filter(Secret.Hash.class::isInstance)
          .map(s -> List.of(((Secret.Hash) s).crypt()))
          .orElse(List.of());
    }

    @Override
    public String planName() {
      return "password";
    }
  },
  /** A clear-text password from the environment or a file, hashed at plan time. */
  PASSWORD(
      "password",
      Type.PASSWORD_REF,
      Row.NONE,
      OnChange.NONE,
      "give password exactly one of env (an environment variable) or file (a path)") {
    @Override
    void read(JsonNode value, User.Builder user) {
      if (user.password().isEmpty()) { // a password_hash beside it is a schema error; it wins
        user.password(TreeValues.passwordRef(value));
      }
    }

    @Override
    public Optional<JsonNode> write(User user) {
      return user.password().flatMap(TreeValues::passwordRef);
    }
  },
  LOCKED("locked", Type.BOOLEAN, Row.VALUE, OnChange.DISCONNECT_WHEN_TRUE, null) {
    @Override
    void read(JsonNode value, User.Builder user) {
      user.locked(value.asBoolean());
    }

    @Override
    public Optional<JsonNode> write(User user) {
      return user.locked() ? Optional.of(TreeValues.bool(true)) : Optional.empty();
    }

    @Override
    public List<String> planValue(User user) {
      return List.of(Boolean.toString(user.locked()));
    }
  },
  /**
   * When the account ends (docs/lifecycle.md). The live files cannot hold it: it shows in a plan
   * only as the lock it causes, and import never fills it.
   */
  EXPIRES(
      "expires",
      Type.STRING,
      Row.NONE,
      OnChange.NONE,
      "write a day \"2027-01-31\" or a date-time with its zone \"2027-01-31T18:00:00+01:00\"") {
    @Override
    void read(JsonNode value, User.Builder user) {
      user.expires(Optional.of(Expiry.parse(value.asString())));
    }

    @Override
    public Optional<JsonNode> write(User user) {
      return user.expires().map(e -> TreeValues.string(e.written()));
    }
  },
  /** A traffic allowance per period (docs/lifecycle.md); like {@link #EXPIRES}, only a lock. */
  QUOTA(
      "quota",
      Type.STRING,
      Row.NONE,
      OnChange.NONE,
      "write an allowance per period, e.g. \"50GiB/month\", \"10GiB/week\" or \"500MB/day\"") {
    @Override
    void read(JsonNode value, User.Builder user) {
      user.quota(Optional.of(Quota.parse(value.asString())));
    }

    @Override
    public Optional<JsonNode> write(User user) {
      return user.quota().map(q -> TreeValues.string(q.written()));
    }
  },
  /** Options of config-per-user/NAME: a plan shows one row per option. */
  SETTINGS("settings", Type.SETTINGS, Row.OPTIONS, OnChange.NEXT_CONNECT, null) {
    @Override
    void read(JsonNode value, User.Builder user) {
      user.settings(TreeValues.settings(value));
    }

    @Override
    public Optional<JsonNode> write(User user) {
      return user.settings().isEmpty()
          ? Optional.empty()
          : Optional.of(TreeValues.settings(user.settings()));
    }
  },
  /** Written into config-per-user/NAME as restrict-user-to-* options. */
  FIREWALL("firewall", Type.FIREWALL_REF, Row.OPTIONS, OnChange.NEXT_CONNECT, null) {
    @Override
    void read(JsonNode value, User.Builder user) {
      user.firewall(TreeValues.firewallRef(value));
    }

    @Override
    public Optional<JsonNode> write(User user) {
      return user.firewall().map(TreeValues::firewallRef);
    }
  };

  /** The shape of a value, as the JSON Schema states it. */
  public enum Type {
    BOOLEAN("{\"type\":\"boolean\"}"),
    STRING("{\"type\":\"string\"}"),
    /** A non-empty string. */
    NAME("{\"type\":\"string\",\"minLength\":1}"),
    NAMES("{\"type\":\"array\",\"items\":{\"type\":\"string\"}}"),
    PASSWORD_REF(
        "{\"type\":\"object\",\"additionalProperties\":false,\"minProperties\":1,"
            + "\"maxProperties\":1,\"properties\":{"
            + "\"env\":{\"type\":\"string\",\"pattern\":\"^[A-Za-z_][A-Za-z0-9_]*$\"},"
            + "\"file\":{\"type\":\"string\",\"minLength\":1}}}"),
    SETTINGS("{\"$ref\":\"#/$defs/settings\"}"),
    FIREWALL_REF("{\"$ref\":\"#/$defs/firewallRef\"}");

    /** The JSON Schema of the value, as JSON text. */
    public final String schema;

    Type(String schema) {
      this.schema = schema;
    }
  }

  /** How a plan shows a change of the attribute. */
  public enum Row {
    /** One row, old and new value. */
    VALUE,
    /** One row, shown element by element. */
    LIST,
    /** One row, never showing the value: {@code (sensitive)}. */
    SECRET,
    /** One row, only for a user that exists before and after (it moves between files). */
    MOVE,
    /** One row per ocserv option of the user's config-per-user file. */
    OPTIONS,
    /** No row of its own (another attribute's row shows it). */
    NONE
  }

  /** What a change of the attribute does to the user's live sessions. */
  public enum OnChange {
    NONE,
    /** Takes effect when the user next connects. */
    NEXT_CONNECT,
    /** Ends the sessions when the new value is {@code true}; otherwise the next connect. */
    DISCONNECT_WHEN_TRUE
  }

  private static final Map<String, UserAttribute> BY_KEY =
      Arrays.stream(values()).collect(Collectors.toMap(a -> a.key, Function.identity()));

  private static final Map<String, UserAttribute> BY_PLAN_NAME =
      Arrays.stream(values())
          .filter(a -> a.row != Row.NONE && a.row != Row.OPTIONS)
          .collect(Collectors.toMap(UserAttribute::planName, Function.identity()));

  private final String key;
  private final Type type;
  private final Row row;
  private final OnChange onChange;
  private final String hint;

  UserAttribute(String key, Type type, Row row, OnChange onChange, String hint) {
    this.key = key;
    this.type = type;
    this.row = row;
    this.onChange = onChange;
    this.hint = hint;
  }

  /** The name in the file: {@code password_hash}. */
  public String key() {
    return key;
  }

  public Type type() {
    return type;
  }

  public Row row() {
    return row;
  }

  public OnChange onChange() {
    return onChange;
  }

  /** The fix of a schema error; empty where the generic hint of the name applies. */
  public Optional<String> hint() {
    return Optional.ofNullable(hint);
  }

  /** A list attribute: error messages say "element 2 of ...". */
  public boolean isList() {
    return type == Type.NAMES;
  }

  /** A secret attribute: error messages never show its value. */
  public boolean isSecret() {
    return row == Row.SECRET || type == Type.PASSWORD_REF;
  }

  /** The name of its plan row. */
  public String planName() {
    return key;
  }

  /** Sets the attribute read from its schema-valid node. */
  abstract void read(JsonNode value, User.Builder user);

  /** The node to write, empty when the user has the default (nothing is written). */
  public abstract Optional<JsonNode> write(User user);

  /**
   * The value a plan row compares and shows (rows {@link Row#VALUE}, {@link Row#LIST}, {@link
   * Row#SECRET}, {@link Row#MOVE}); the default value for a user without the attribute set.
   */
  public List<String> planValue(User user) {
    return List.of();
  }

  /** The attribute named {@code key} in a user block. */
  public static Optional<UserAttribute> of(String key) {
    return Optional.ofNullable(BY_KEY.get(key));
  }

  /** The attribute a plan row of that name shows (not an option row). */
  public static Optional<UserAttribute> ofPlanName(String name) {
    return Optional.ofNullable(BY_PLAN_NAME.get(name));
  }

  /** The keys in canonical order. */
  public static List<String> keys() {
    return Arrays.stream(values()).map(UserAttribute::key).toList();
  }

  /**
   * The rows of a user's plan in the order they are shown: the attributes of its passwd line in
   * canonical order, secrets last (then the option rows).
   */
  public static List<UserAttribute> planRows() {
    return PLAN_ROWS;
  }

  // computed once: the planner asks for every user of the estate
  private static final List<UserAttribute> PLAN_ROWS =
      Arrays.stream(values())
          .filter(a -> a.row != Row.NONE && a.row != Row.OPTIONS)
          .sorted((a, b) -> Boolean.compare(a.row == Row.SECRET, b.row == Row.SECRET))
          .toList();

  /** The user {@code name} from its schema-valid block. */
  public static User read(String name, JsonNode block) {
    User.Builder user = User.builder(name);
    for (UserAttribute a : values()) {
      JsonNode value = block.get(a.key);
      if (value != null && !value.isNull()) {
        try {
          a.read(value, user);
        } catch (IllegalArgumentException e) {
          throw new InvalidValue(a.key, e.getMessage());
        }
      }
    }
    return user.build();
  }

  /**
   * A schema-valid value the attribute cannot take (a date that does not exist, an allowance of no
   * bytes): the loader reports it at the attribute's place.
   */
  public static final class InvalidValue extends IllegalArgumentException {
    private final String key;

    InvalidValue(String key, String message) {
      super(message);
      this.key = key;
    }

    /** The key of the attribute, in a user or group block. */
    public String key() {
      return key;
    }
  }
}
