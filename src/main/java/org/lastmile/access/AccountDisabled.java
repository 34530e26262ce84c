package org.lastmile.access;

/** An account was disabled: work assigned to it goes back to be taken up by others (published after the change commits). */
public record AccountDisabled(String username) {
}
