/** Raw rows of the engine tables, as the drivers return them (smallint booleans, bigint epoch ms). */

export interface DefinitionRow {
  id: string;
  def_key: string;
  version: number;
  name: string | null;
  version_tag: string | null;
  deployment_id: string;
  resource_name: string;
  tenant_id: string | null;
  suspended: number;
}

export interface InstanceRow {
  id: string;
  definition_id: string;
  definition_key: string;
  business_key: string | null;
  tenant_id: string | null;
  org_path: string | null;
  super_instance_id: string | null;
  state: string;
  ended: number;
  suspended: number;
  start_time: number;
  revision: number;
}

export interface ExternalTaskRow {
  id: string;
  execution_id: string;
  activity_id: string;
  activity_instance_id: string;
  process_instance_id: string;
  process_definition_id: string;
  process_definition_key: string;
  process_definition_version_tag: string | null;
  topic_name: string;
  priority: number;
  worker_id: string | null;
  lock_expiration_time: number | null;
  retries: number | null;
  error_message: string | null;
  error_details: string | null;
  suspended: number;
  business_key: string | null;
  tenant_id: string | null;
  extension_properties: string | null;
  create_time: number;
  lock_expiry_count: number;
  lock_unreported: number;
  revision: number;
}

export interface UserTaskRow {
  id: string;
  execution_id: string;
  activity_instance_id: string;
  task_definition_key: string;
  name: string | null;
  description: string | null;
  assignee: string | null;
  owner: string | null;
  candidate_users: string | null;
  candidate_groups: string | null;
  due: number | null;
  follow_up: number | null;
  priority: number;
  form_key: string | null;
  process_instance_id: string;
  process_definition_id: string;
  business_key: string | null;
  tenant_id: string | null;
  org_path: string | null;
  suspended: number;
  created: number;
  revision: number;
}

export interface JobRow {
  id: string;
  type: 'timer' | 'async-before' | 'async-after' | 'timer-start' | 'signal-event';
  execution_id: string | null;
  activity_id: string;
  process_instance_id: string | null;
  definition_id: string;
  due_date: number;
  retries: number;
  retry_time_cycle: string | null;
  exception_message: string | null;
  exception_details: string | null;
  lock_owner: string | null;
  lock_expiration_time: number | null;
  timer: string | null;
  tenant_id: string | null;
  suspended: number;
  revision: number;
}
