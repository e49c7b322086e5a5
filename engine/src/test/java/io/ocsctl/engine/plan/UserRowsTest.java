package io.ocsctl.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ocsctl.providers.passwd.PasswdEntry;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A user's plan rows and effects come from the {@code UserAttribute} declarations: passwd-line
 * attributes in canonical order with the secret last, the vhost only when a user moves, a side
 * without a line counted as the default.
 */
class UserRowsTest {
  private static final PasswdEntry ALICE =
      new PasswdEntry("alice", List.of("eng"), "$6$s$h", false);

  @Test
  void aCreatedUserShowsEveryValueThatIsNotTheDefaultButNotItsVhost() {
    PasswdEntry locked = new PasswdEntry("alice", List.of("eng"), "$6$s$h", true);
    assertEquals(
        List.of(
            new AttributeChange("groups", List.of(), List.of("eng"), false, true),
            new AttributeChange("locked", List.of(), List.of("true"), false, false),
            AttributeChange.secret("password", false, true)),
        Diffs.user(null, locked.asUser("vpn2")));
  }

  @Test
  void aDeletedUnlockedUserShowsNoLockRow() {
    assertEquals(
        List.of(
            new AttributeChange("groups", List.of("eng"), List.of(), false, true),
            AttributeChange.secret("password", true, false)),
        Diffs.user(ALICE.asUser(""), null));
  }

  @Test
  void aMoveShowsTheVhostAndNothingElse() {
    assertEquals(
        List.of(new AttributeChange("vhost", List.of(), List.of("vpn2"), false, false)),
        Diffs.user(ALICE.asUser(""), ALICE.asUser("vpn2")));
    assertEquals(List.of(), Diffs.user(ALICE.asUser("vpn2"), ALICE.asUser("vpn2")));
  }

  @Test
  void effectsFollowTheDeclarations() {
    Address user = Address.user("alice");
    assertEquals(
        EnumSet.of(Effect.DISCONNECT),
        LiveEffects.of(
            user,
            Action.UPDATE,
            List.of(
                new AttributeChange("locked", List.of("false"), List.of("true"), false, false),
                new AttributeChange("dns", List.of(), List.of("10.0.0.53"), false, false))));
    assertEquals(
        EnumSet.of(Effect.NEXT_CONNECT),
        LiveEffects.of(
            user,
            Action.UPDATE,
            List.of(
                new AttributeChange("locked", List.of("true"), List.of("false"), false, false))));
    assertEquals(
        EnumSet.noneOf(Effect.class),
        LiveEffects.of(
            user, Action.UPDATE, List.of(AttributeChange.secret("password", true, true))));
    assertEquals(EnumSet.of(Effect.DISCONNECT), LiveEffects.of(user, Action.DELETE, List.of()));
  }
}
