// Policies Glance defines for APIs this server does not have (image cache, metadefs, store discovery, copy-image,
// the 2024.2 location APIs). A policy file copied from a Glance deployment names them, so they are ignored with a
// warning; a name that is neither ours nor Glance's is still an error, as it is most likely a typo.
// Glance: glance/policies/{base,image,tasks,cache,discovery,metadef}.py (Queens to 2025.1) and the
// etc/policy.json shipped before the rules moved into code (copy_from, the v1 API).
const GLANCE_ONLY_POLICIES: ReadonlySet<string> = new Set([
  'copy_from',
  'copy_image',
  'modify_task',
  'manage_image_cache',
  'cache_image',
  'cache_list',
  'cache_delete',
  'stores_info_detail',
  'service_api',
  'add_image_location',
  'fetch_image_location',
  'metadef_default',
  'metadef_admin',
  'get_metadef_namespace',
  'get_metadef_namespaces',
  'add_metadef_namespace',
  'modify_metadef_namespace',
  'delete_metadef_namespace',
  'get_metadef_object',
  'get_metadef_objects',
  'add_metadef_object',
  'modify_metadef_object',
  'delete_metadef_object',
  'list_metadef_resource_types',
  'get_metadef_resource_type',
  'add_metadef_resource_type_association',
  'remove_metadef_resource_type_association',
  'get_metadef_property',
  'get_metadef_properties',
  'add_metadef_property',
  'modify_metadef_property',
  'remove_metadef_property',
  'get_metadef_tag',
  'get_metadef_tags',
  'add_metadef_tag',
  'add_metadef_tags',
  'modify_metadef_tag',
  'delete_metadef_tag',
  'delete_metadef_tags',
]);

export function isGlanceOnlyPolicy(name: string): boolean {
  return GLANCE_ONLY_POLICIES.has(name);
}
