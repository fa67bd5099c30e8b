package io.framechat.protocol;

/** What {@link CommandParser} makes of one body: a {@link Command} or a {@link ParseError}. */
public sealed interface Parsed permits Command, ParseError {
}
