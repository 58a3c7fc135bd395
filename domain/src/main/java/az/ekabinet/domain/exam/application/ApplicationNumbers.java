package az.ekabinet.domain.exam.application;

/**
 * Where application numbers come from (6 digits from 100001, never reused). Asked only when an application is really
 * created, so repeats, refusals and unknown sessions never use a number up.
 */
public interface ApplicationNumbers {

    String next();
}
