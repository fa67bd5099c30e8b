package io.framechat.chat;

import java.util.HashMap;
import java.util.Map;

/**
 * The logged-in people of this node by subject, each with its sessions here. A person is made when
 * its first session here logs in (its read positions loading from {@link ReadPositions}) and
 * forgotten with its last session here.
 */
final class People {

  private final Map<String, Person> bySubject = new HashMap<>();
  private final ReadPositions reads;

  People(ReadPositions reads) {
    this.reads = reads;
  }

  ReadPositions reads() {
    return reads;
  }

  /** The person logged in as {@code subject} here, or null. */
  Person get(String subject) {
    return bySubject.get(subject);
  }

  /** The person, made now (its positions loading) when none of its sessions is here. */
  Person open(String subject, String nick) {
    return bySubject.computeIfAbsent(subject, s -> new Person(s, nick, reads.of(s)));
  }

  /** The client is a session of {@code person} from now on. */
  void attach(Client client, Person person) {
    client.person = person;
    person.sessions.add(client);
  }

  /** The client is gone: the person is forgotten here with its last session (or when none came). */
  void detach(Client client) {
    Person person = client.person;
    if (person != null) {
      person.sessions.remove(client);
      forgetIfEmpty(person);
    }
  }

  /** Forgets a person with no session here (its login failed or its last session ended). */
  void forgetIfEmpty(Person person) {
    if (person.sessions.isEmpty()) {
      bySubject.remove(person.subject, person);
    }
  }
}
