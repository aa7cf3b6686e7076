import { JSONFile } from 'lowdb/node';
import { refuseIfLost } from './project-lock.js';

/** lowdb's JSON file, which stops writing once another process has taken its store over. */
export class OwnedJsonFile<T> extends JSONFile<T> {
  readonly #file: string;

  constructor(file: string) {
    super(file);
    this.#file = file;
  }

  override async write(data: T): Promise<void> {
    refuseIfLost(this.#file);
    await super.write(data);
  }
}
