/** Marks a fact whose computation threw, so only the criteria that read it become `error`. */
export class FactFailure {
  constructor(
    readonly fact: string,
    readonly plugin: string,
    readonly message: string,
  ) {}
}

/** An error thrown by a plugin's function, carrying the plugin's name. */
export class PluginFailure extends Error {
  constructor(
    readonly plugin: string,
    readonly what: string,
    cause: unknown,
  ) {
    super(`${what} (plugin "${plugin}") threw: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}
