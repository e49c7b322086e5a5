package io.ocsctl.schema.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Every attribute of a {@code group} block, declared once, in canonical order, as {@link
 * UserAttribute} declares a user's: its key, its schema {@link UserAttribute.Type} (checked against
 * the shipped schema by {@code AttributeDeclarationsTest}) and how it reads from and writes to the
 * tree. Both land in config-per-group/NAME, so a plan shows them as option rows and every change
 * takes effect when the group's users next connect.
 */
public enum GroupAttribute {
  SETTINGS("settings", UserAttribute.Type.SETTINGS) {
    @Override
    Group read(JsonNode value, Group group) {
      return new Group(
          group.name(),
          TreeValues.settings(value),
          group.firewall(),
          group.expires(),
          group.quota());
    }

    @Override
    public Optional<JsonNode> write(Group group) {
      return group.settings().isEmpty()
          ? Optional.empty()
          : Optional.of(TreeValues.settings(group.settings()));
    }
  },
  FIREWALL("firewall", UserAttribute.Type.FIREWALL_REF) {
    @Override
    Group read(JsonNode value, Group group) {
      return new Group(
          group.name(),
          group.settings(),
          TreeValues.firewallRef(value),
          group.expires(),
          group.quota());
    }

    @Override
    public Optional<JsonNode> write(Group group) {
      return group.firewall().map(TreeValues::firewallRef);
    }
  },
  /** The default {@code expires} of the group's users (docs/lifecycle.md); no file holds it. */
  EXPIRES("expires", UserAttribute.Type.STRING) {
    @Override
    Group read(JsonNode value, Group group) {
      return new Group(
          group.name(),
          group.settings(),
          group.firewall(),
          Optional.of(Expiry.parse(value.asString())),
          group.quota());
    }

    @Override
    public Optional<JsonNode> write(Group group) {
      return group.expires().map(e -> TreeValues.string(e.written()));
    }
  },
  /** The default {@code quota} of the group's users (docs/lifecycle.md). */
  QUOTA("quota", UserAttribute.Type.STRING) {
    @Override
    Group read(JsonNode value, Group group) {
      return new Group(
          group.name(),
          group.settings(),
          group.firewall(),
          group.expires(),
          Optional.of(Quota.parse(value.asString())));
    }

    @Override
    public Optional<JsonNode> write(Group group) {
      return group.quota().map(q -> TreeValues.string(q.written()));
    }
  };

  private final String key;
  private final UserAttribute.Type type;

  GroupAttribute(String key, UserAttribute.Type type) {
    this.key = key;
    this.type = type;
  }

  public String key() {
    return key;
  }

  public UserAttribute.Type type() {
    return type;
  }

  /** The group with the attribute read from its schema-valid node. */
  abstract Group read(JsonNode value, Group group);

  /** The node to write, empty at the default (nothing is written). */
  public abstract Optional<JsonNode> write(Group group);

  /** The keys in canonical order. */
  public static List<String> keys() {
    return Arrays.stream(values()).map(GroupAttribute::key).toList();
  }

  /** The group {@code name} from its schema-valid block. */
  public static Group read(String name, JsonNode block) {
    Group group = new Group(name, Settings.EMPTY, Optional.empty());
    for (GroupAttribute a : values()) {
      JsonNode value = block.get(a.key);
      if (value != null && !value.isNull()) {
        try {
          group = a.read(value, group);
        } catch (IllegalArgumentException e) {
          throw new UserAttribute.InvalidValue(a.key, e.getMessage());
        }
      }
    }
    return group;
  }
}
