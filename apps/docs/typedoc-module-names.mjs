// TypeDoc plugin: the packages' `@module` tags read `@module @weft/core — what it holds`; keep the package name as
// the module's name (and so its folder and sidebar entry), and leave the sentence to the module's comment.
import { Converter, ReflectionKind } from 'typedoc';

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const module of context.project.getReflectionsByKind(ReflectionKind.Module)) {
      const [name] = module.name.split(' — ');
      if (name) module.name = name.trim();
    }
  });
}
